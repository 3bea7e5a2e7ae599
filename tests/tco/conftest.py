"""The hand-sized TCO fixture (tests/fixtures/tco) and helpers to vary it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from crmselect.io.loader import load_selection
from crmselect.models.selection import Selection

FIXTURE = Path(__file__).parent.parent / "fixtures" / "tco" / "scorecard.yaml"


@pytest.fixture(scope="session")
def selection() -> Selection:
    return load_selection(FIXTURE)


def with_scenario(selection: Selection, **changes: Any) -> Selection:
    """The selection with scenario fields replaced for every vendor (validated again)."""
    from crmselect.models.scorecard import Scenario

    data = selection.scenario.model_dump()
    data.update(changes)
    scenario = Scenario.model_validate(data, strict=False)
    card = selection.scorecard.model_copy(update={"scenario": scenario})
    return msgspec.structs.replace(
        selection, scorecard=card, scenarios={vid: scenario for vid in selection.vendors}
    )


def with_vendor(selection: Selection, vendor_id: str, **changes: Any) -> Selection:
    """The selection with top-level fields of one vendor profile replaced."""
    from crmselect.models.vendor import Vendor

    data = selection.vendors[vendor_id].model_dump()
    data.update(changes)
    vendors = dict(selection.vendors)
    vendors[vendor_id] = Vendor.model_validate(data, strict=False)
    return msgspec.structs.replace(selection, vendors=vendors)
