"""One-off costs quoted in RFI answers (workflow.md §1): paid where the costed plan meets the
requirement the way the answer says."""

from __future__ import annotations

from crmselect.io.loader import load_file
from crmselect.models.scorecard import Requirement
from crmselect.models.workflow import OneOffQuote
from crmselect.tco.model import quoted_costs
from tests.conftest import FIXTURES

SOURCE = "RFI received 2026-12-01"


def test_a_quote_is_paid_only_on_a_plan_that_uses_the_answered_level() -> None:
    ann = load_file(FIXTURES / "handcalc" / "vendors" / "ann.yaml", "vendor").model
    reqs = (
        Requirement(id="I1", title="REST API", category="integration", priority="must", feature="rest-api"),
        Requirement(id="I2", title="Webhooks", category="integration", priority="nice", feature="webhooks"),
    )  # fmt: skip
    quotes = (
        OneOffQuote("I1", "custom", 1000.0, "EUR", SOURCE),  # rest-api: custom on Basic
        OneOffQuote("I2", "partner", 300.0, "EUR", SOURCE),  # webhooks: partner on both
        OneOffQuote("X9", "custom", 50.0, "EUR", SOURCE),  # not a requirement: ignored
    )
    basic = quoted_costs(ann, "Basic", reqs, quotes, fx=1.1)
    # On Basic: the 1,000 EUR build at 1.1 = 1,100 under customization; the partner set-up
    # fee 300 at 1.1 = 330 under implementation.
    assert [(q.requirement, q.line, round(q.amount, 6)) for q in basic] == [
        ("I1", "customization", 1100.0),
        ("I2", "implementation", 330.0),
    ]
    # On Pro the REST API is native: the custom build quoted for Basic is not paid.
    pro = quoted_costs(ann, "Pro", reqs, quotes, fx=1.1)
    assert [q.requirement for q in pro] == ["I2"]
