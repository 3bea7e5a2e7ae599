"""The 5:3:2 budget check (tco.md): software vs services, recommended budget, contingency."""

from __future__ import annotations

from crmselect.models.scorecard import BudgetSplit
from crmselect.tco.result import BudgetCheck, Check


def _check(name: str, amount: float, limit: float) -> Check:
    excess = max(0.0, amount - limit)
    return Check(name=name, ok=excess == 0.0, excess=excess)


def budget_check(
    software: float,
    services: float,
    total: float,
    split: BudgetSplit,
    budget: float | None,
    p90: float | None,
) -> BudgetCheck:
    """Check one vendor's deterministic software and services totals against ``split``.

    Recommended budget B = max(software / share_software, services / share_services); the
    contingency is ``split.contingency`` of the committee's budget, else of B. With a budget the
    shares are limits; with a simulation the contingency must cover P90 - total.
    """
    by_software = software / split.software if split.software > 0 else float("inf")
    by_services = services / split.services if split.services > 0 else float("inf")
    if software == 0:
        by_software = 0.0
    if services == 0:
        by_services = 0.0
    recommended = max(by_software, by_services)
    over = "software" if by_software >= by_services else "services"
    base = budget if budget is not None else recommended
    contingency = split.contingency * base
    checks: list[Check] = []
    if budget is not None:
        checks.append(_check("software_share", software, split.software * budget))
        checks.append(_check("services_share", services, split.services * budget))
        limit = (split.software + split.services) * budget
        checks.append(_check("total_share", software + services, limit))
    if p90 is not None:
        checks.append(_check("p90_covered", p90, total + contingency))
    return BudgetCheck(
        software=software,
        services=services,
        recommended=recommended,
        contingency=contingency,
        over=over,
        budget=budget,
        checks=tuple(checks),
    )
