"""The building blocks: safe strings, money, shares and uncertain numbers."""

from __future__ import annotations

import math

import pytest
from pydantic import TypeAdapter, ValidationError

from crmselect.models.common import (
    Currency,
    Money,
    Name,
    Normal,
    Pert,
    Seats,
    Share,
    Text,
    Triangular,
    UncertainGrowth,
    UncertainMoney,
    UncertainShare,
    Uniform,
    Url,
    is_uncertain,
    point_value,
)


def ok(kind, value):
    return TypeAdapter(kind).validate_python(value, strict=True)


def refused(kind, value) -> str:
    with pytest.raises(ValidationError) as info:
        ok(kind, value)
    return info.value.errors()[0]["msg"]


def test_text_keeps_newlines_and_cjk_but_refuses_controls_and_bidi() -> None:
    assert ok(Text, "第一行\nline two") == "第一行\nline two"
    for bad in ["a\x1b[2Jb", "tab\there", "a\x85b", "visit \u202echeck-in", "x\u2066y"]:
        assert "control or text-direction" in refused(Text, bad)


def test_name_also_refuses_invisible_and_empty_and_long() -> None:
    assert ok(Name, "纷享销客") == "纷享销客"
    assert "zero-width" in refused(Name, "zoho\u200b-crm")
    assert "empty" in refused(Name, "  ")
    assert "at most 200" in refused(Name, "x" * 201)
    assert "one line" in refused(Name, "a\nb")


def test_url_http_or_https_only_and_kept_as_written() -> None:
    assert ok(Url, "https://www.zoho.com/crm") == "https://www.zoho.com/crm"
    for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x.example", "https://a b"]:
        assert "http:// or https://" in refused(Url, bad)


def test_currency_codes() -> None:
    assert ok(Currency, "CNY") == "CNY"
    for bad in ["cny", "RMB¥", "US"]:
        assert "ISO 4217" in refused(Currency, bad)


@pytest.mark.parametrize("bad", [-1, math.inf, math.nan, "10", True])
def test_money_is_a_finite_non_negative_number(bad) -> None:
    refused(Money, bad)


def test_money_accepts_ints_and_floats() -> None:
    assert ok(Money, 0) == 0 and ok(Money, 12.5) == 12.5


def test_share_is_between_0_and_1() -> None:
    assert ok(Share, 0.8) == 0.8
    assert "less than or equal to 1" in refused(Share, 80)
    refused(Share, -0.1)


def test_seats_are_whole_and_bounded() -> None:
    assert ok(Seats, 50) == 50
    for bad in [0, -5, 10**30, 50.0]:
        refused(Seats, bad)


def test_triangular_ordering_and_optional_dist() -> None:
    assert ok(UncertainMoney, {"low": 1, "mode": 2, "high": 3}) == Triangular(low=1, mode=2, high=3)
    assert isinstance(
        ok(UncertainMoney, {"dist": "triangular", "low": 1, "mode": 2, "high": 3}), Triangular
    )
    assert "low <= mode <= high" in refused(UncertainMoney, {"low": 3, "mode": 2, "high": 4})


def test_each_distribution_by_its_dist() -> None:
    assert isinstance(ok(UncertainMoney, {"dist": "uniform", "low": 1, "high": 2}), Uniform)
    assert isinstance(ok(UncertainMoney, {"dist": "normal", "mean": 5, "sd": 1}), Normal)
    assert isinstance(ok(UncertainMoney, {"dist": "pert", "low": 1, "mode": 2, "high": 3}), Pert)
    assert "low <= high" in refused(UncertainMoney, {"dist": "uniform", "low": 3, "high": 2})
    refused(UncertainMoney, {"dist": "normal", "mean": 5, "sd": -1})


def test_an_unknown_dist_is_one_error_about_its_name() -> None:
    with pytest.raises(ValidationError) as info:
        ok(UncertainMoney, {"dist": "lognormal", "low": 1, "high": 2})
    (error,) = info.value.errors()
    assert error["type"] == "literal_error"


def test_uncertain_bounds_apply_to_every_point() -> None:
    assert "at least 0" in refused(UncertainMoney, {"low": -1, "mode": 2, "high": 3})
    assert "0.3 for 30%" in refused(UncertainShare, {"low": 0.1, "mode": 0.2, "high": 30})
    # a percentage where a decimal is meant: the hint gives the decimal of the figure written
    assert refused(UncertainShare, 80).endswith(
        "must be at most 1; write shares as decimals, 0.8 for 80%"
    )
    assert refused(UncertainGrowth, 30).endswith(
        "must be at most 10; write rates as decimals, 0.3 for 30%"
    )
    assert "decimals" not in refused(UncertainGrowth, 300)  # not a percentage either
    assert "finite" in refused(UncertainMoney, math.inf).lower()


def test_point_value_and_is_uncertain() -> None:
    assert point_value(7) == 7.0
    assert point_value(Triangular(low=1, mode=2, high=9)) == 2
    assert point_value(Pert(dist="pert", low=1, mode=3, high=9)) == 3
    assert point_value(Uniform(dist="uniform", low=2, high=4)) == (2 + 4) / 2
    assert point_value(Normal(dist="normal", mean=5, sd=1)) == 5
    assert not is_uncertain(3.0)
    assert is_uncertain(Uniform(dist="uniform", low=2, high=4))
