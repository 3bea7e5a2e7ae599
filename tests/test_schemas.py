"""The shipped JSON Schemas: current with the models, and accepting every shipped file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from crmselect.io.yamlsafe import load_yaml_file
from crmselect.models import KINDS
from crmselect.schemas import json_schema_text, main, write_all

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"


def shipped_files() -> dict[str, list[Path]]:
    """Every crmselect YAML file in the repository's fixtures and examples, by kind."""
    candidates = sorted((ROOT / "tests" / "fixtures" / "mini").rglob("*.yaml"))
    candidates += sorted((ROOT / "vendors").glob("*.yaml"))
    candidates += sorted((ROOT / "scorecards").rglob("*.yaml"))
    by_kind: dict[str, list[Path]] = {}
    for path in candidates:
        kind = load_yaml_file(path).data.get("kind")
        assert kind in KINDS, f"{path}: kind {kind!r}"
        by_kind.setdefault(kind, []).append(path)
    return by_kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_schema_matches_the_models(kind: str) -> None:
    shipped = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == json_schema_text(kind), (
        f"schemas/{kind}.schema.json is out of date; run: python -m crmselect.schemas"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_schemas_are_valid_draft7(kind: str) -> None:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(
        f"{kind}.schema.json" for kind in KINDS
    )


def test_write_all_regenerates_into_a_folder(tmp_path: Path) -> None:
    written = write_all(tmp_path)
    assert [p.name for p in written] == [f"{kind}.schema.json" for kind in KINDS]
    for kind in KINDS:
        assert (tmp_path / f"{kind}.schema.json").read_bytes() == (
            SCHEMAS / f"{kind}.schema.json"
        ).read_bytes()


def test_module_entry_point_writes_the_folder_given(tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert main([str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{k}.schema.json" for k in KINDS)


def test_fixture_files_are_found_by_kind() -> None:
    files = shipped_files()
    assert len(files["scorecard"]) >= 1
    assert len(files["vendor"]) >= 2
    assert len(files["features"]) >= 1


def test_shipped_files_validate_with_draft7() -> None:
    failures = []
    for kind, paths in shipped_files().items():
        schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
        validator = Draft7Validator(schema)
        for path in paths:
            data = load_yaml_file(path).data
            failures += [f"{path}: {e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    assert failures == []


def test_draft7_rejects_what_the_models_reject() -> None:
    schema = json.loads((SCHEMAS / "vendor.schema.json").read_text(encoding="utf-8"))
    data = load_yaml_file(ROOT / "tests" / "fixtures" / "mini" / "vendors" / "alpha.yaml").data
    data["plans"][0]["per_seat_mnth"] = 10
    data["plans"][0]["per_seat_month"] = -1
    messages = [e.message for e in Draft7Validator(schema).iter_errors(data)]
    assert any("per_seat_mnth" in m for m in messages)
    assert any("-1" in m for m in messages)


def _check_jsonschema() -> list[str]:
    """The test extra's check-jsonschema, from this interpreter (the venv need not be on PATH)."""
    return [sys.executable, "-m", "check_jsonschema"]


def test_shipped_files_validate_with_check_jsonschema() -> None:
    command = _check_jsonschema()
    for kind, paths in shipped_files().items():
        result = subprocess.run(
            [*command, "--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_reports_a_bad_file(tmp_path: Path) -> None:
    command = _check_jsonschema()
    bad = tmp_path / "alpha.yaml"
    text = (ROOT / "tests" / "fixtures" / "mini" / "vendors" / "alpha.yaml").read_text("utf-8")
    bad.write_text(text.replace("deployment: saas", "deployment: cloud"), encoding="utf-8")
    result = subprocess.run(
        [*command, "--schemafile", str(SCHEMAS / "vendor.schema.json"), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "deployment" in result.stdout + result.stderr


def test_schema_command_prints_the_shipped_text() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crmselect", "schema", "scores"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == (SCHEMAS / "scores.schema.json").read_text(encoding="utf-8")
