"""`crmselect init` scaffolds a selection that validates as it stands."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from pydantic import BaseModel

from crmselect.cli import app
from crmselect.models import Scenario
from tests.conftest import REPO

STARTER_VENDORS = ("zoho-crm", "hubspot-sales-hub", "pipedrive")


@pytest.fixture
def library(tmp_path):
    """The repository's vendor library when its profiles have landed, else stand-ins for the
    starter's three vendors beside the real feature catalogue."""
    repo = REPO / "vendors"
    if all((repo / f"{v}.yaml").is_file() for v in STARTER_VENDORS):
        return repo
    lib = tmp_path / "library"
    lib.mkdir()
    shutil.copy(repo / "features.yaml", lib / "features.yaml")
    for vendor_id in STARTER_VENDORS:
        (lib / f"{vendor_id}.yaml").write_text(
            f"kind: vendor\nid: {vendor_id}\nname: {vendor_id}\ncurrency: USD\n"
            "prices_as_of: '2026-06'\nprice_confidence: estimate\n"
            "plans: [{name: Only, per_seat_month: 20, features: {contacts: native}}]\n",
            encoding="utf-8",
        )
    return lib


def test_init_then_validate(runner, tmp_path, library) -> None:
    project = tmp_path / "selection"
    result = runner.invoke(app, ["init", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    names = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert names == [
        ".vscode/settings.json",
        "SELECTION.md",
        "requirements/it.yaml",
        "requirements/sales.yaml",
        "requirements/service.yaml",
        "responses/README.md",
        "schemas/features.schema.json",
        "schemas/judgments.schema.json",
        "schemas/requirements.schema.json",
        "schemas/rfi-response.schema.json",
        "schemas/scorecard.schema.json",
        "schemas/scores.schema.json",
        "schemas/vendor.schema.json",
        "scorecard.yaml",
        "scores/example-evaluator.yaml",
    ]
    checked = runner.invoke(app, ["validate", str(project), "--vendors", str(library)])
    assert checked.exit_code == 0, checked.output
    assert "no problems" in checked.stderr


def test_init_refuses_to_overwrite(runner, tmp_path) -> None:
    project = tmp_path / "selection"
    assert runner.invoke(app, ["init", str(project)]).exit_code == 0
    card = project / "scorecard.yaml"
    card.write_text(card.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again = runner.invoke(app, ["init", str(project)])
    assert again.exit_code == 2
    assert "never overwrites" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert card.read_text(encoding="utf-8").endswith("# edited\n")


def test_init_into_the_current_folder(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert (tmp_path / "scorecard.yaml").is_file()


def test_every_yaml_file_names_its_schema(runner, tmp_path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    files = sorted(tmp_path.rglob("*.yaml"))
    assert len(files) == 5
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        schema = (path.parent / match.group(1)).resolve()
        kind = yaml.safe_load(path.read_text(encoding="utf-8"))["kind"]
        assert schema == (tmp_path / "schemas" / f"{kind}.schema.json").resolve()
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text())
    for schema_file in settings["yaml.schemas"]:
        assert (tmp_path / schema_file).is_file()


def _fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(prefix + name)
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= _fields(annotation, f"{prefix}{name}.")
    return names


def _present(data: dict, prefix: str = "") -> set[str]:
    names = set()
    for key, value in data.items():
        names.add(prefix + key)
        if isinstance(value, dict):
            names |= _present(value, f"{prefix}{key}.")
    return names


def test_the_starter_scenario_has_every_field_and_the_seed_figures(runner, tmp_path) -> None:
    runner.invoke(app, ["init", str(tmp_path)])
    text = (tmp_path / "scorecard.yaml").read_text(encoding="utf-8")
    scenario = yaml.safe_load(text)["scenario"]
    missing = _fields(Scenario) - _present(scenario)
    assert missing == set()
    for seed in [
        "5:3:2",
        "3,000 CNY per custom field",
        "2,000 CNY per certified person",
        "$200 an hour",
        "17%",
        "50 -> 300 users",
        "80% match rule",
    ]:
        assert seed in text, seed
