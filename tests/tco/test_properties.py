"""The total never falls when seats, prices, uplift or any cost input rises (kernel level)."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmselect.scoring.plans import choose_plans
from crmselect.tco.draws import point_inputs
from crmselect.tco.lines import cost_lines
from crmselect.tco.model import build_vendor_model


@pytest.fixture(scope="module")
def models(selection):
    return [
        build_vendor_model(
            v,
            selection.requirements,
            selection.scorecard,
            selection.scenarios[v.id],
            choose_plans(selection, [v.id])[v.id],
            selection.fx(v.currency),
        )  # fmt: skip
        for v in selection.vendors.values()
    ]


def total(model, x) -> float:
    return float(cost_lines(model, x, 1).total[0])


PRICES = ("per_seat_month", "perpetual_per_seat", "base_fee_year", "onboarding_fee",
          "addon_per_seat_month", "addon_per_year", "maintenance_pct")  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    which=st.integers(0, 1),
    extra=st.lists(st.integers(0, 400), min_size=5, max_size=5),
    price=st.sampled_from(PRICES),
    factor=st.floats(1.0, 3.0),
    bump=st.floats(0.0, 5.0),
    name_index=st.integers(0, 100),
)
def test_total_never_falls_when_an_input_rises(
    models, which, extra, price, factor, bump, name_index
):
    model = models[which]
    x = point_inputs(model)
    base = total(model, x)
    # more users in any year
    more = msgspec.structs.replace(model, seat_list=model.seat_list + np.array(extra, float))
    assert total(more, x) >= base - 1e-6
    # a higher price vector
    pricier = msgspec.structs.replace(model, **{price: getattr(model, price) * factor})
    assert total(pricier, x) >= base - 1e-6
    # any drawn input higher (shares stay within [0, 1])
    item = model.inputs[name_index % len(model.inputs)]
    higher = dict(x)
    raised = x[item.name] + bump
    higher[item.name] = np.minimum(raised, 1.0) if item.ceiling == 1.0 else raised
    assert total(model, higher) >= base - 1e-6


@settings(max_examples=40, deadline=None)
@given(low=st.floats(0.0, 0.3), rise=st.floats(0.0, 0.5))
def test_total_never_falls_when_uplift_rises(models, low, rise):
    model = msgspec.structs.replace(models[0], uplift_cap=None)
    x = point_inputs(model)
    x["contract.annual_uplift"] = np.full((1, 1), low)
    base = total(model, x)
    x["contract.annual_uplift"] = np.full((1, 1), low + rise)
    assert total(model, x) >= base - 1e-6
