"""The HTML report in a real browser (Debian's Chromium through playwright).

Loads with no console error and no network request, shows the nine sections, renders CJK text,
executes nothing from a hostile profile, and prints to A4 PDF without cutting table rows.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest

from crmselect.render.report import render_html
from crmselect.render.view import SECTIONS

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
EXAMPLES = ("medical-devices-cn", "b2b-software-eu")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright import sync_api  # the test extra installs it: missing is a failure

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Loaded:
    """A report opened in a fresh page, with what the page tried to do."""

    def __init__(self, browser, html: str, folder: Path, name: str):
        self.path = folder / f"{name}.html"
        self.path.write_text(html, encoding="utf-8")
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.goto(self.path.as_uri(), wait_until="load")
        self.page.wait_for_timeout(100)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if request.url != self.path.as_uri():
            self.requests.append(request.url)

    def close(self) -> None:
        self.context.close()


def _example_decision(name: str):
    from crmselect._resources import example_scorecard
    from crmselect.decision import decide
    from crmselect.io.loader import load_selection

    selection = load_selection(example_scorecard(name))
    return decide(selection, seed=42, simulations=2000, draws=2000)


def _open(request, browser, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    if request.param == "mini":
        decision = request.getfixturevalue("mini_decision")
    else:
        decision = _example_decision(request.param)
    loaded = Loaded(browser, render_html(decision), tmp_path, request.param)
    loaded.name = request.param
    return loaded


@pytest.fixture(params=("mini", *EXAMPLES))
def report(request, browser, tmp_path, monkeypatch):
    loaded = _open(request, browser, tmp_path, monkeypatch)
    yield loaded
    loaded.close()


@pytest.fixture(params=("mini", "medical-devices-cn"))
def cjk_report(request, browser, tmp_path, monkeypatch):
    """The reports with Chinese names in them (a vendor of mini; the CN example)."""
    loaded = _open(request, browser, tmp_path, monkeypatch)
    yield loaded
    loaded.close()


def test_loads_without_errors_or_network(report):
    assert report.errors == []
    assert report.requests == []
    assert report.page.evaluate("document.scripts.length") == 0
    ARTIFACTS.mkdir(exist_ok=True)
    report.page.screenshot(path=str(ARTIFACTS / f"report-{report.name}.png"))


def test_shows_nine_sections(report):
    headings = report.page.locator("section > h2")
    assert headings.count() == len(SECTIONS)
    for index, (_, name) in enumerate(SECTIONS):
        heading = headings.nth(index)
        expected = name if name == "Appendix" else f"{index + 1}. {name}"
        assert heading.inner_text() == expected
        box = heading.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0


def test_cjk_text_renders(cjk_report):
    cjk = cjk_report.page.evaluate(
        r"""() => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const m = walker.currentNode.textContent.match(/[\u4e00-\u9fff]+/);
            if (m && walker.currentNode.parentElement.closest('main')) {
              const range = document.createRange();
              const start = walker.currentNode.textContent.indexOf(m[0]);
              range.setStart(walker.currentNode, start);
              range.setEnd(walker.currentNode, start + 1);
              const r = range.getBoundingClientRect();
              return {glyph: m[0][0], width: r.width, height: r.height};
            }
          }
          return null;
        }"""
    )
    assert cjk is not None, f"{cjk_report.name} shows no CJK text"
    assert cjk["width"] > 4 and cjk["height"] > 4, cjk


def test_hostile_profile_executes_nothing(browser, xss_decision, tmp_path):
    loaded = Loaded(browser, render_html(xss_decision), tmp_path, "xss")
    try:
        loaded.page.mouse.move(400, 400)
        loaded.page.wait_for_timeout(200)
        assert loaded.dialogs == []
        assert loaded.errors == [] and loaded.requests == []
        assert loaded.page.evaluate("document.querySelectorAll('script, img, iframe').length") == 0
        # the vendor notes sit in collapsed <details> in the appendix: open them to read them
        loaded.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        body = loaded.page.inner_text("body")
        assert "<script>alert(1)</script>" in body
        assert "<img src=x onerror=alert(1)>" in body
        assert "{{ 7*7 }} pipeline" in body
    finally:
        loaded.close()


def _squash(text: str) -> str:
    """Comparable text: ligatures unfolded (PDF text has "ﬁ" where HTML has "fi"), whitespace
    dropped, and only ASCII letters, digits and a few signs kept (PDF extraction maps some CJK
    glyphs to look-alike radicals, such as 户 to ⼾)."""
    return re.sub(r"[^A-Za-z0-9%.,/:()+-]", "", unicodedata.normalize("NFKC", text))


def test_print_to_pdf_keeps_table_rows_whole(report):
    import pypdf  # the test extra installs it: missing is a failure

    page = report.page
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = [_squash(p.extract_text() or "") for p in reader.pages]
    # a title page with the contents, then the body; short sections share pages
    assert len(pages) >= 4
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('main tbody tr'))"
        ".map(tr => Array.from(tr.cells).map(c => c.innerText))"
    )
    checked = 0
    for cells in rows:
        first = next((_squash(c) for c in cells if _squash(c)), "")
        last = next((_squash(c) for c in reversed(cells) if _squash(c)), "")
        if not first or first == last:
            continue
        on_one = any(first in text and last in text for text in pages)
        assert on_one, f"table row cut across pages: {cells}"
        checked += 1
    assert checked > 10
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"report-{report.name}.pdf").write_bytes(pdf)


def test_assumptions_section_is_shown_after_the_summary(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    decision = _example_decision("medical-devices-cn")
    loaded = Loaded(browser, render_html(decision), tmp_path, "assumptions")
    try:
        ids = loaded.page.evaluate(
            "Array.from(document.querySelectorAll('main > section')).map(s => s.id)"
        )
        assert ids[:3] == ["summary", "assumptions", "ranking"]
        section = loaded.page.locator("section#assumptions")
        assert section.is_visible()
        text = section.inner_text()
        for needle in (
            "2. Assumptions",
            "Exchange rate",
            "1 USD = 7.1 CNY",
            "Budget",
            "Seats by year",
            "Award rule",
            "price 30% / quality 70%",
            "fxiaoke: scenario.training.hours_per_user: 16 -> 8",
        ):
            assert needle in text, needle
        box = section.bounding_box()
        assert box and box["height"] > 100
        ARTIFACTS.mkdir(exist_ok=True)
        section.screenshot(path=str(ARTIFACTS / "report-assumptions.png"))
    finally:
        loaded.close()


TWINS = [
    ["纷享销客 Fxiaoke", "Dynamics 365 Sales"],
    ["纷享销客 Fxiaoke Enterprise", "Microsoft Dynamics 365 Sales"],
]
TWIN = """kind: vendor
id: {id}
name: {name}
currency: CNY
prices_as_of: "2026-06"
price_confidence: vendor
plans:
  - name: Standard
    per_seat_month: {price}
    features: {{contacts: native, pipeline: native, wecom: native}}
services: {{implementation_days: 20, day_rate: 1000}}
"""


@pytest.mark.parametrize("names", TWINS, ids=["short-names", "long-names"])
def test_value_chart_labels_of_nearly_equal_vendors_do_not_overlap_in_chromium(
    names, browser, tmp_path, monkeypatch
):
    """Two vendors with the same fit and costs 0.1% apart, through the real CLI: the labels'
    boxes as Chromium lays the text out (getBBox, in the chart's own units) overlap neither
    each other nor the other vendor's marker, and stay inside the chart."""
    from typer.testing import CliRunner

    from crmselect.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    (tmp_path / "vendors").mkdir()
    features = Path(__file__).resolve().parents[1] / "fixtures/mini/vendors/features.yaml"
    (tmp_path / "vendors" / "features.yaml").write_bytes(features.read_bytes())
    for vid, name, price in zip(("twin-a", "twin-b"), names, (200, 200.2), strict=True):
        text = TWIN.format(id=vid, name=name, price=price)
        (tmp_path / "vendors" / f"{vid}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "scorecard.yaml").write_text(
        "kind: scorecard\ntitle: Twins\ncurrency: CNY\nvendors: [twin-a, twin-b]\n"
        "categories: {functionality: {weight: 1}}\nrequirements:\n"
        "  - {id: R1, title: Contacts, category: functionality, priority: must, "
        "feature: contacts}\n"
        "  - {id: R2, title: Pipeline, category: functionality, priority: nice, "
        "feature: pipeline}\n"
        "scenario: {years: 3, seats: {start: 50, growth: 0.1}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "twins.html"
    result = CliRunner().invoke(
        app,
        ["report", str(tmp_path / "scorecard.yaml"), "-o", str(out), "--simulations", "200"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    loaded = Loaded(browser, out.read_text(encoding="utf-8"), tmp_path, "twins-view")
    try:
        found = loaded.page.evaluate(
            """names => {
              const svg = Array.from(document.querySelectorAll('svg')).find(s =>
                (s.querySelector('title') || {}).textContent.startsWith('Fit against total cost'));
              const box = e => { const b = e.getBBox();
                                 return {x: b.x, y: b.y, w: b.width, h: b.height}; };
              const vb = svg.viewBox.baseVal;
              return {
                view: {x: vb.x, y: vb.y, w: vb.width, h: vb.height},
                labels: Array.from(svg.querySelectorAll('text'))
                  .filter(t => names.some(n => t.textContent.startsWith(n)))
                  .map(t => ({text: t.textContent, ...box(t)})),
                markers: Array.from(svg.querySelectorAll('circle, path'))
                  .filter(m => m.querySelector('title'))
                  .map(m => ({title: m.querySelector('title').textContent, ...box(m)})),
              };
            }""",
            names,
        )
    finally:
        loaded.close()
    labels = found["labels"]
    assert len(found["markers"]) == 2, found
    assert sorted(label["text"] for label in labels) == sorted(names)  # full names

    def overlap(a, b) -> bool:
        return (
            a["x"] < b["x"] + b["w"]
            and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]
        )

    first, second = labels
    assert first["w"] > 0 and second["w"] > 0
    assert not overlap(first, second), labels
    view = found["view"]
    for label in labels:
        assert view["x"] <= label["x"] and label["x"] + label["w"] <= view["x"] + view["w"], label
        for marker in found["markers"]:
            assert not overlap(label, marker), (label, marker)
