"""`report -o FILE.pdf` (report-print.md §1), read back with pypdf: every section, "page N of M"
on every page, a table of contents whose page numbers are where the sections start, CJK text
that extracts, the same bytes for the same inputs, and the appendix last."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from crmselect.cli import app
from crmselect.render.view import SECTIONS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "scorecards").glob("*/scorecard.yaml"))
ENV = {"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"}
FAST = ["--simulations", "300", "--sensitivity", "300", "-q"]


def _render(scorecard: Path, out: Path) -> PdfReader:
    result = CliRunner().invoke(app, ["report", str(scorecard), "-o", str(out), *FAST], env=ENV)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no WeasyPrint chatter, no warnings under -q
    return PdfReader(out)


_RENDERED: dict[Path, tuple[Path, PdfReader]] = {}


def _once(scorecard: Path, folder: Path) -> tuple[Path, PdfReader]:
    """Each example is rendered once for the whole module (a PDF takes seconds)."""
    if scorecard not in _RENDERED:
        out = folder / f"{scorecard.parent.name}.pdf"
        _RENDERED[scorecard] = (out, _render(scorecard, out))
    return _RENDERED[scorecard]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(params=EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def pdf(request: pytest.FixtureRequest, folder: Path) -> tuple[Path, PdfReader]:
    return _once(request.param, folder)


def _texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def test_a4_pages_numbered_page_n_of_m(pdf: tuple[Path, PdfReader]) -> None:
    _, reader = pdf
    texts = _texts(reader)
    total = len(texts)
    assert total > 5
    for number, text in enumerate(texts, start=1):
        assert f"page {number} of {total}" in text, number
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_every_section_and_a_toc_whose_numbers_are_right(pdf: tuple[Path, PdfReader]) -> None:
    _, reader = pdf
    texts = _texts(reader)
    toc = {}
    for match in re.finditer(r"^(\d+)\. (.+?) \.{3,} (\d+)$", texts[0], flags=re.M):
        toc[match.group(2)] = int(match.group(3))
    titles = [name for _, name in SECTIONS]
    assert list(toc) == titles
    for index, name in enumerate(titles, start=1):
        heading = name if name == "Appendix" else f"{index}. {name}"
        page = toc[name]
        lines = [ln.strip() for ln in texts[page - 1].splitlines()]
        assert heading in lines, (name, page)
        # and not on the page before (the section starts where the contents say)
        before = [ln.strip() for ln in texts[page - 2].splitlines()] if page > 1 else []
        assert heading not in before or page == 1, (name, page)
    # the appendix is last and holds the long material
    appendix = "\n".join(texts[toc["Appendix"] - 1 :])
    for part in (
        "A. Notes from the vendor profiles",
        "B. Evaluators' notes",
        "E. Input files",
        "F. Sources",
    ):
        assert part in appendix


def test_cjk_text_extracts(folder: Path) -> None:
    _, reader = _once(REPO / "scorecards" / "medical-devices-cn" / "scorecard.yaml", folder)
    text = "\n".join(_texts(reader))
    for word in ("纷享销客", "销售易", "证照到期提醒", "华东医疗器械经销商"):
        assert word in text


def test_same_inputs_same_bytes(folder: Path, tmp_path: Path) -> None:
    card = REPO / "scorecards" / "b2b-software-eu" / "scorecard.yaml"
    out, reader = _once(card, folder)
    again = tmp_path / "again.pdf"
    _render(card, again)
    assert again.read_bytes() == out.read_bytes()
    assert reader.metadata.creation_date.year == 2026  # SOURCE_DATE_EPOCH, not today


def test_without_weasyprint_exit_2_with_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(app, ["report", str(EXAMPLES[0]), "-o", str(out)], env=ENV)
    assert result.exit_code == 2
    assert 'pip install "crmselect[pdf]"' in result.stderr
    assert not out.exists()
