"""`crmselect schema KIND` prints a draft-07 schema that validates the files of that kind."""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft7Validator

from crmselect.cli import app
from tests.conftest import MINI, REPO

FILES = {
    "scorecard": [MINI / "scorecard.yaml"],
    "vendor": [MINI / "vendors/alpha.yaml", MINI / "vendors/beta.yaml"],
    "features": [MINI / "vendors/features.yaml", REPO / "vendors/features.yaml"],
    "requirements": [REPO / "tests/bad_inputs/duplicate-ids/requirements/sales.yaml"],
    "scores": [REPO / "tests/bad_inputs/score-unknown-requirement/scores/li-wei.yaml"],
}
INVALID = {
    "scorecard": {"threshold": 80},
    "vendor": {"website": 12},
    "features": {"features": {"x": {}}},
    "requirements": {"requirements": [{"id": "S1"}]},
    "scores": {"scores": {"alpha": {"R1": 6}}},
}


def printed_schema(runner, kind: str) -> dict:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.mark.parametrize("kind", sorted(FILES))
def test_schema_validates_the_fixture_files(runner, kind: str) -> None:
    schema = printed_schema(runner, kind)
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    for path in FILES[kind]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], path


@pytest.mark.parametrize("kind", sorted(INVALID))
def test_schema_refuses_an_invalid_file(runner, kind: str) -> None:
    validator = Draft7Validator(printed_schema(runner, kind))
    data = yaml.safe_load(FILES[kind][0].read_text(encoding="utf-8"))
    data.update(INVALID[kind])
    assert list(validator.iter_errors(data))


def test_the_ahp_triple_is_a_draft07_tuple(runner) -> None:
    schema = printed_schema(runner, "scorecard")
    validator = Draft7Validator(schema)
    data = yaml.safe_load((MINI / "scorecard.yaml").read_text(encoding="utf-8"))
    data["weighting"] = {"method": "ahp", "pairwise": [["functionality", "integration", 3]]}
    assert list(validator.iter_errors(data)) == []
    data["weighting"]["pairwise"] = [["functionality", "integration", 3, 4]]
    assert list(validator.iter_errors(data))
    assert "prefixItems" not in json.dumps(schema)


def test_unknown_kind_is_a_usage_error_with_a_hint(runner) -> None:
    result = runner.invoke(app, ["schema", "scorcard"])
    assert result.exit_code == 2
    assert "did you mean 'scorecard'?" in result.stderr


@pytest.mark.parametrize("kind", sorted(FILES))
def test_shipped_schema_files_are_current(kind: str) -> None:
    """`schemas/` (editors, `init`, the wheel) matches the models; regenerate with
    `crmselect schema KIND > schemas/KIND.schema.json`."""
    from crmselect.schemas import json_schema_text

    shipped = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == json_schema_text(kind)
