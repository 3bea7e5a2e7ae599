"""HTML and Markdown reports rendered from hand-built results: structure, safety, goldens."""

from __future__ import annotations

import re
import shutil

import pytest

from crmselect.render.report import SECTIONS, render_html, render_markdown
from tests.report.conftest import XSS_ADDON, XSS_NAME, XSS_PLAN, check_golden


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


def test_cost_table_shows_exact_totals_and_says_rows_are_rounded(mini_decision):
    md = render_markdown(mini_decision)
    block = md.split("### Alpha CRM")[1].split("| 5:3:2")[0]
    rows = [r for r in block.splitlines() if r.startswith("| ") and "Seats" not in r]
    rows = rows[1:]  # header

    def numbers(row):
        return [int(x.strip(" *").replace(",", "")) for x in row.strip("|").split("|")[1:]]

    rows = [r for r in rows if not r.startswith("The rows")]
    lines = [numbers(r) for r in rows[:-1]]
    # the hand-built licence line 42,000.4 + 50,400.4 + 127,008.4 = 219,409.2: each cell is
    # rounded, the total is the exact sum rounded, so the rows no longer add up to it ...
    assert lines[0] == [42000, 50400, 127008, 219409]
    # ... and the table says so
    assert "The rows are rounded: they may not add up to the exact totals." in block


def test_summary_shows_the_results_numbers(mini_decision):
    md = render_markdown(mini_decision).split("## 2.")[0]
    # from the hand-built results in fakes.py
    assert "**Recommendation: Alpha CRM**, plan **Basic** (add-ons: WeCom connector)" in md
    assert "| Fit score | 86.2% |" in md
    assert "| 3-year total | 309,232 CNY |" in md  # 95,440.4 + 67,082.8 + 146,709.2
    assert "| P50 / P90 total | 315,000 CNY / 360,000 CNY |" in md
    assert "| P(cheapest) | 25% |" in md
    assert f"| Cost per fit point | {315000 / 86.25:,.0f} CNY |" in md


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
    from tests.report.conftest import FIXTURES

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


def test_no_qualified_vendor_summary(mini_decision):
    from crmselect.decision import build_decision
    from tests.report.fakes import FakeResult, score_data, tco_data

    data = score_data()
    data["vendors"][0]["qualified"] = False
    data["vendors"][0]["reasons"] = ["must-have R4 not met"]
    d = build_decision(
        mini_decision.selection, FakeResult(data), FakeResult(tco_data()), mini_decision.provenance
    )
    md = render_markdown(d).split("## 2.")[0]
    assert "**No vendor qualifies.**" in md
    assert "Closest to qualifying: **Alpha CRM**, fit 86.2%, 3-year total 309,232 CNY" in md
    assert "must-have R4 not met" in md
    assert "What would change" not in md
