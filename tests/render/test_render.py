"""HTML and Markdown reports rendered from results the library computes: structure, safety, goldens."""

from __future__ import annotations

import re
import shutil

import pytest

from crmselect.render.report import render_html, render_markdown
from crmselect.render.view import SECTIONS
from tests.render.conftest import XSS_ADDON, XSS_NAME, XSS_PLAN, check_golden


def test_markdown_golden(mini_decision, update_golden):
    check_golden("mini.md", render_markdown(mini_decision), update_golden)


def test_html_has_ten_sections_in_order(mini_decision):
    html = render_html(mini_decision)
    ids = re.findall(r'<section id="([a-z]+)"', html)
    assert ids == [sid for sid, _ in SECTIONS]
    for number, (_, name) in enumerate(SECTIONS[:-1], start=1):
        assert f"<h2>{number}. {name}</h2>" in html
    assert "<h2>Appendix</h2>" in html


def test_markdown_has_ten_sections_in_order(mini_decision):
    md = render_markdown(mini_decision)
    headings = re.findall(r"^## (\d+)\. (.+)$", md, flags=re.M)
    assert headings == [(str(i), name) for i, (_, name) in enumerate(SECTIONS[:-1], start=1)]
    assert md.rstrip().splitlines()[-1].startswith("- \\[E\\]") and "\n## Appendix\n" in md


def test_html_is_self_contained(mini_decision):
    html = render_html(mini_decision)
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">" in html
    )
    assert "<script" not in html.lower()
    assert not re.search(r"""\ssrc=""", html)  # nothing loaded: no img, iframe, script
    for tag in ("<link", "<img", "<iframe", "<object", "<embed", "<base"):
        assert tag not in html
    assert "@import" not in html and "url(" not in html
    for anchor in re.findall(r"<a [^>]*>", html):
        href = re.search(r'href="([^"]*)"', anchor).group(1)
        assert href.startswith(("#", "https://", "http://"))
        if not href.startswith("#"):
            assert 'rel="noopener noreferrer"' in anchor
    assert "@page { size: A4; margin: 18mm 15mm 20mm;" in html
    assert "section#summary, section#appendix { break-before: page; }" in html
    assert (
        'counter(page) " of " counter(pages)' in html and "target-counter(attr(href), page)" in html
    )
    assert "print-color-adjust: exact" in html


def test_cost_table_shows_exact_totals_and_says_rows_are_rounded():
    from crmselect.render.common import ROWS_ROUNDED
    from crmselect.render.view import cost_table

    # licence 42,000.4 + 50,400.4 + 127,008.4 = 219,409.2: each cell is rounded, the total is
    # the exact sum rounded, so the row no longer adds up to it ...
    table = cost_table({"licence": [42000.4, 50400.4, 127008.4], "addons": [0.4, 0.4, 0.4]}, 3)
    licence = table["rows"][0]
    assert (licence["line"], licence["cells"], licence["total"]) == (
        "licence",
        ["42,000", "50,400", "127,008"],
        "219,409",
    )
    # ... the year totals are the exact column sums rounded (42,000.8 -> 42,001) ...
    assert table["totals"] == ["42,001", "50,401", "127,009"]
    assert table["grand"] == "219,410"  # 219,410.4
    # ... and the table says so
    assert table["note"] == ROWS_ROUNDED


def test_summary_shows_the_results_numbers(mini_decision):
    md = render_markdown(mini_decision).split("## 2.")[0]
    # computed by the library from tests/fixtures/mini; by hand: beta's fit
    # 0.6 * (5 + 3 + 0.75 * 2 + 5) / 15 + 0.4 * (4 + 0) / 5 = 0.90, and its 3-year total
    # 50 * 12 * 100 * 0.5 + 60 * 12 * 100 * 1.08 + 72 * 12 * 100 * 1.08^2 + 15 * 3,000
    total = 30_000 + 77_760 + 100_776.96 + 45_000
    assert "**Recommendation: Beta 销售**, plan **Standard** (add-ons: none)" in md
    assert "| Fit score | 90.0% |" in md
    assert f"| 3-year total | {total:,.0f} CNY |" in md  # 253,537
    # nothing in beta's costs is uncertain: P50 and P90 are its total
    assert f"| P50 / P90 total | {total:,.0f} CNY / {total:,.0f} CNY |" in md
    assert "| P(cheapest) | 100% |" in md
    assert f"| Cost per fit point | {total / 90:,.0f} CNY |" in md
    assert "1 of 2 vendors qualify" in md


def test_xss_profile_is_escaped_in_html(xss_decision):
    html = render_html(xss_decision)
    for hostile in (
        XSS_NAME,
        "<img src=x onerror=alert(1)>",
        XSS_PLAN,
        XSS_ADDON,
        "<i>selection</i>",
    ):
        assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    # a jinja expression in data prints literally
    assert "{{ 7*7 }} pipeline" in html and "49 pipeline" not in html
    assert "Mini {{ 7*7 }}" in html
    # the query string of a valid link is escaped as an attribute
    assert 'href="https://alpha.example.com/?a=1&amp;b=2" rel="noopener noreferrer"' in html


def test_xss_profile_is_inert_in_markdown(xss_decision):
    md = render_markdown(xss_decision)
    assert XSS_NAME not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "<img" not in md
    assert "{{ 7\\*7 }} pipeline" in md  # markdown-escaped, not evaluated
    assert "\\[link\\](javascript:alert(3))" in md  # not a link
    table_rows = [line for line in md.splitlines() if line.startswith("|")]
    assert all(not re.search(r"(?<!\\)\|\s*pipe", row) for row in table_rows)


def test_javascript_url_is_refused_at_load(tmp_path):
    from crmselect.errors import InputError
    from crmselect.io.loader import load_selection
    from tests.render.conftest import FIXTURES

    with pytest.raises(InputError) as caught:
        load_selection(FIXTURES / "xss-url" / "scorecard.yaml")
    assert any("http" in p.message and p.key == "website" for p in caught.value.problems)


def test_template_dir_brands_the_report(mini_decision, tmp_path):
    from crmselect._resources import bundled

    for name in ("report.html", "report.md.j2"):
        shutil.copy(bundled("templates") / name, tmp_path / name)
    page = tmp_path / "report.html"
    page.write_text(page.read_text().replace("Committee report", "Huadong committee report"))
    assert "Huadong committee report" in render_html(mini_decision, tmp_path)


def test_no_qualified_vendor_summary(monkeypatch):
    from tests.render.conftest import decision_for, with_threshold

    d = decision_for("mini", monkeypatch, edit=with_threshold(0.95))
    md = render_markdown(d).split("## 2.")[0]
    assert "**No vendor qualifies.**" in md
    # beta meets every must-have: it is the closest, with its fit and total as computed
    assert "Closest to qualifying: **Beta 销售**, fit 90.0%, 3-year total 253,537 CNY" in md
    assert "below the threshold 95%" in md
    assert "What would change" not in md


@pytest.mark.parametrize(("html", "name"), [(True, "analysis-checks.html"), (False, "analysis-checks.md.j2")])  # fmt: skip
def test_check_before_deciding_says_when_nothing_is_left_to_test(html, name):
    """Every cell scored in a demo and no disagreement: "nothing is left to test", not
    "none of the 0 unchecked claims ... would change the recommendation"."""
    from crmselect.render.report import _environment

    template = _environment(None, html=html).get_template(name)
    empty = template.render(analysis={"checks": {"sentences": [], "tested": 0}})
    assert "othing is left to test" in empty and "of the 0" not in empty
    some = template.render(analysis={"checks": {"sentences": [], "tested": 3}})
    assert "one of the 3 unchecked claims" in some
