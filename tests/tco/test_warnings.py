"""Costs nobody estimated are said out loud, never taken as free (tco.md)."""

import shutil
from pathlib import Path

from crmselect.io.loader import load_selection
from crmselect.tco import simulate_tco

FIXTURE = Path(__file__).parent.parent / "fixtures" / "tco"


def _warnings(tmp_path: Path, on_prem_line: str) -> tuple[str, ...]:
    shutil.copytree(FIXTURE, tmp_path / "tco")
    profile = tmp_path / "tco" / "vendors" / "onprem.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace("on_prem: {infrastructure_year: 50000}", on_prem_line), encoding="utf-8"
    )
    result = simulate_tco(load_selection(tmp_path / "tco" / "scorecard.yaml"), simulations=0)
    return result.warnings


def test_an_on_premise_vendor_without_infrastructure_is_a_warning(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, "")
    assert any("runs on premise but its infrastructure is not estimated" in w for w in warnings)


def test_an_estimated_infrastructure_gives_no_such_warning(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, "on_prem: {infrastructure_year: 50000}")
    assert not any("infrastructure is not estimated" in w for w in warnings)


def test_an_add_on_with_no_price_is_a_warning_not_a_free_feature(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "tco")
    profile = tmp_path / "tco" / "vendors" / "growco.yaml"
    text = profile.read_text(encoding="utf-8")
    # Starter now sells forecasting (requirement R3) as an add-on, but the profile prices none.
    profile.write_text(
        text.replace("forecasting: custom}", "forecasting: addon}"), encoding="utf-8"
    )
    result = simulate_tco(load_selection(tmp_path / "tco" / "scorecard.yaml"), simulations=0)
    assert (
        "GrowCo: forecasting is an add-on with no price in the profile, so the total leaves out "
        "its cost: get a quote"
    ) in "\n".join(result.warnings)
    # The priced add-on (Reminders, for certificate-reminders) is costed, not warned about.
    assert "certificate-reminders" not in "\n".join(result.warnings)
