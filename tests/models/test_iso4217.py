"""The did-you-mean for a currency that is not an ISO 4217 code."""

from __future__ import annotations

import pytest

from crmselect.models.iso4217 import suggestion


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("GPB", "GBP"), ("UDS", "USD"), ("ERU", "EUR"), ("RMB", "CNY"), ("gbp", "GBP")],
)
def test_a_slip_in_a_currency_code_gets_the_code_meant(typed: str, meant: str) -> None:
    assert suggestion(typed) == meant


def test_nothing_close_gets_no_suggestion() -> None:
    assert suggestion("QQQ") is None
