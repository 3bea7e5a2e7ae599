"""Sources by name: no output of any command on the bundled examples says "seed" except as
the random seed (report-print.md §3), and docs/sources.md lists every source cited."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "scorecards").glob("*/scorecard.yaml"))
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "140", "SOURCE_DATE_EPOCH": "1767225600"}
# the random seed may be named: "--seed", "seed 42", "Seed | 42", '"seed": 42', "inputs and seed"
ALLOWED = re.compile(
    r"--seed|\bseed\b(?:[\s:=|\"']|</?t[dh]>|<c[^>]*>|<v>)*\d+|inputs and seed", re.IGNORECASE
)


def _stray_seed(text: str) -> list[str]:
    cleaned = ALLOWED.sub("", text)
    return [
        cleaned[max(0, m.start() - 60) : m.end() + 60] for m in re.finditer("seed", cleaned, re.I)
    ]


def _outputs(scorecard: Path, tmp: Path) -> dict[str, str]:
    runner = CliRunner()
    small = ["--simulations", "200"]
    runs = {
        "validate": ["validate", str(scorecard.parent)],
        "score": ["score", str(scorecard), "--sensitivity", "200"],
        "score json": ["score", str(scorecard), "-f", "json", "--sensitivity", "200"],
        "score csv": ["score", str(scorecard), "-f", "csv", "--sensitivity", "200"],
        "score md": ["score", str(scorecard), "-f", "md", "--sensitivity", "200"],
        "tco": ["tco", str(scorecard), *small],
        "tco json": ["tco", str(scorecard), "-f", "json", *small],
        "tco csv": ["tco", str(scorecard), "-f", "csv", *small],
        "tco md": ["tco", str(scorecard), "-f", "md", *small],
        "tco xlsx": ["tco", str(scorecard), "-f", "xlsx", "-o", str(tmp / "t.xlsx"), *small],
        "report html": ["report", str(scorecard), "-o", str(tmp / "r.html"), *small],
        "report md": ["report", str(scorecard), "-o", str(tmp / "r.md"), *small],
        "vendors list": ["vendors", "list"],
    }
    out = {}
    for name, args in runs.items():
        result = runner.invoke(app, args, env=ENV)
        assert result.exit_code in (0, 1), (name, result.output)
        out[name] = result.stdout + result.stderr
    out["r.html"] = (tmp / "r.html").read_text(encoding="utf-8")
    out["r.md"] = (tmp / "r.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp / "t.xlsx") as z:
        out["t.xlsx"] = "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")
        )
    return out


@pytest.mark.parametrize("scorecard", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_outputs_cite_sources_by_name_only(scorecard: Path, tmp_path: Path) -> None:
    found = {
        name: hits
        for name, text in _outputs(scorecard, tmp_path).items()
        if (hits := _stray_seed(text))
    }
    assert found == {}


def test_vendor_show_cites_sources_by_name() -> None:
    runner = CliRunner()
    for vendor in sorted((REPO / "vendors").glob("*.yaml")):
        if vendor.name == "features.yaml":
            continue
        result = runner.invoke(app, ["vendors", "show", vendor.stem], env=ENV)
        assert result.exit_code == 0, result.output
        assert _stray_seed(result.stdout + result.stderr) == [], vendor.stem


def test_every_cited_letter_is_in_docs_sources() -> None:
    sources = (REPO / "docs" / "sources.md").read_text(encoding="utf-8")
    from crmselect.sources import SOURCES

    for letter, title, _ in SOURCES:
        assert f"| [{letter}] | {title}" in sources
    cited = set()
    for path in [
        *REPO.glob("crmselect/**/*.py"),
        *REPO.glob("vendors/*.yaml"),
        *REPO.glob("templates/*"),
    ]:
        if path.is_file():
            cited |= set(re.findall(r"\[([A-Z])\]", path.read_text(encoding="utf-8")))
    assert cited and cited <= {s[0] for s in SOURCES}


def test_the_code_and_files_never_cite_a_seed_number() -> None:
    pattern = re.compile(r"seed (00[0-4]|articles?|rules?)|seeds'", re.IGNORECASE)
    offenders = []
    for folder in ("crmselect", "templates", "vendors", "docs", "scorecards"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".yaml", ".md", ".html", ".j2"}:
                text = path.read_text(encoding="utf-8")
                offenders += [
                    f"{path.relative_to(REPO)}: {m.group(0)}" for m in pattern.finditer(text)
                ]
    assert offenders == []
