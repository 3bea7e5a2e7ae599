"""RFI responses in a selection (workflow.md §1): a vendor's answers replace the library's
claims for that vendor, requirement by requirement, and its pricing replaces the plan prices it
names. A vendor with no profile at all is described by its response alone.

Prices quoted in another currency than the profile's are converted with the scorecard's fx
rates. Every claim that an answer gave is recorded with its source, ``RFI received DATE``.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec

from crmselect.errors import Problem
from crmselect.io.locate import did_you_mean
from crmselect.io.yamlsafe import YamlDocument
from crmselect.models.common import SUPPORT_LEVELS, point_value
from crmselect.models.scorecard import Requirement, Scorecard
from crmselect.models.workflow import OneOffQuote, Residency, RfiFacts, RfiResponse
from crmselect.scoring.market import RESIDENCY_AREAS, hosts_in

RANK = {level: index for index, level in enumerate(SUPPORT_LEVELS)}
"""Support levels from best (0) to worst."""


def source_of(response: RfiResponse) -> str:
    return f"RFI received {response.received}"


class Applied(msgspec.Struct):
    """A vendor's profile data after its responses, and what came from them."""

    data: dict[str, Any]
    claims: dict[str, str] = msgspec.field(default_factory=dict)
    """Requirement id -> source."""
    problems: list[Problem] = msgspec.field(default_factory=list)
    quotes: dict[str, OneOffQuote] = msgspec.field(default_factory=dict)
    """Requirement id -> the one-off cost its latest answer quotes."""
    residency: Residency | None = None

    @property
    def facts(self) -> RfiFacts:
        return RfiFacts(tuple(self.quotes.values()), self.residency)


def _rate(card: Scorecard, currency: str) -> float | None:
    if currency == card.currency:
        return 1.0
    value = card.fx.get(currency)
    return None if value is None else point_value(value)


def _conversion(
    card: Scorecard, response: RfiResponse, profile_currency: str, doc: YamlDocument
) -> tuple[float, list[Problem]]:
    """Factor from the response's currency to the profile's (1 when they agree)."""
    quoted = {p.currency for p in response.pricing if p.currency}
    if not quoted or quoted == {profile_currency}:
        return 1.0, []
    currency = sorted(quoted)[0]
    source, target = _rate(card, currency), _rate(card, profile_currency)
    if source is None or target is None:
        missing = currency if source is None else profile_currency
        return 1.0, [
            doc.problem(
                ("pricing",),
                f"prices in {currency} need an fx rate for {missing} in the scorecard "
                f"(fx: {{{missing}: <{card.currency} per {missing}>}})",
            )
        ]
    return source / target, []


def synthesize(
    response: RfiResponse, doc: YamlDocument
) -> tuple[dict[str, Any] | None, Problem | None]:
    """Profile data for a vendor the library lacks, from its response's pricing and company."""
    priced = [
        p for p in response.pricing if p.per_seat_month is not None or p.per_seat_year is not None
    ]
    if not priced:
        return None, doc.problem(
            ("pricing",),
            f"vendor '{response.vendor}' has no profile and its RFI response prices no plan; "
            f"ask for the Pricing sheet, or add a profile (crmselect vendors new {response.vendor})",
        )
    currency = next((p.currency for p in priced if p.currency), None)
    if currency is None:
        return None, doc.problem(("pricing",), "the priced plans give no currency")
    company = response.company
    data: dict[str, Any] = {
        "kind": "vendor",
        "id": response.vendor,
        "name": company.name or response.vendor,
        "currency": currency,
        "prices_as_of": response.received[:7],
        "price_confidence": "vendor",
        "notes": f"Described by its RFI response only (received {response.received}).",
        "plans": [],
    }
    return data, None


def apply_responses(
    card: Scorecard,
    vendor_id: str,
    profile: dict[str, Any],
    responses: list[tuple[RfiResponse, YamlDocument]],
    requirements: dict[str, Requirement],
) -> Applied:
    """Apply ``responses`` (oldest first) to a copy of the ``profile`` data."""
    data = copy.deepcopy(profile)
    applied = Applied(data)
    plans: list[dict[str, Any]] = data.setdefault("plans", [])
    for response, doc in responses:
        factor, problems = _conversion(card, response, data["currency"], doc)
        applied.problems += problems
        by_name = {p["name"]: p for p in plans}
        contract = data.setdefault("contract", {})
        for index, priced in enumerate(response.pricing):
            plan = by_name.get(priced.name)
            if plan is None:
                plan = {"name": priced.name, "features": {}}
                plans.append(plan)
                by_name[priced.name] = plan
            if priced.per_seat_month is not None:
                plan["per_seat_month"] = priced.per_seat_month * factor
                plan.pop("perpetual_per_seat", None)
                plan.pop("maintenance_pct", None)
            elif priced.per_seat_year is not None:
                plan["per_seat_month"] = priced.per_seat_year / 12 * factor
                plan.pop("perpetual_per_seat", None)
                plan.pop("maintenance_pct", None)
            elif "per_seat_month" not in plan and "perpetual_per_seat" not in plan:
                applied.problems.append(
                    doc.problem(("pricing", index, "name"), f"plan '{priced.name}' has no price")
                )
            plan["min_seats"] = priced.min_seats
            if priced.max_seats is not None:
                plan["max_seats"] = priced.max_seats
            plan["onboarding_fee"] = priced.onboarding_fee * factor
            for key in ("annual_uplift", "uplift_cap", "first_year_discount"):
                value = getattr(priced, key)
                if value is not None:
                    contract[key] = value
        names = [p["name"] for p in plans]
        hosting = _residency(applied, response)
        for rid, answer in response.answers.items():
            req = requirements.get(rid)
            if req is None:
                continue
            applied.quotes.pop(rid, None)  # the latest answer is the whole truth
            if answer.one_off_cost is not None:
                applied.quotes[rid] = OneOffQuote(
                    rid,
                    answer.support,
                    answer.one_off_cost * factor,
                    data["currency"],
                    source_of(response),
                )
            targets = names
            if answer.plan is not None:
                if answer.plan not in names:
                    applied.problems.append(
                        doc.problem(
                            ("answers", rid, "plan"),
                            f"vendor '{vendor_id}' has no plan '{answer.plan}'"
                            + did_you_mean(answer.plan, names)
                            + f" (plans: {', '.join(names)})",
                        )
                    )
                    continue
                start = names.index(answer.plan)
                targets = [answer.plan] + [
                    n
                    for n in names[start + 1 :]
                    if RANK.get(_level(data, n, req.feature), 99) > RANK[answer.support]
                ]
            for name in targets:
                by_name[name].setdefault("features", {})[req.feature] = answer.support
            if answer.support == "addon" and answer.addon_price_per_seat_month is not None:
                data.setdefault("addons", []).append(
                    {
                        "name": f"{req.feature} (RFI)",
                        "feature": req.feature,
                        "per_seat_month": answer.addon_price_per_seat_month * factor,
                        "plans": targets if answer.plan is not None else None,
                    }
                )
            applied.claims[rid] = source_of(response)
        for rid, req in requirements.items():
            if req.feature in hosting and rid not in response.answers:
                applied.claims[rid] = source_of(response)
        _company(data, response)
    # Plans added by a response inherit nothing; keep the profile's upgrade order.
    return applied


def _residency(applied: Applied, response: RfiResponse) -> tuple[str, ...]:
    """The Company sheet's hosting regions, a complete list: each hosting feature
    (``data-residency-eu``, ``-cn``) becomes native on every plan where a region it covers is
    listed, and none where none is (the vendor said where the data can be kept). An answer on
    the Requirements sheet for that feature, applied after, wins. Returns the features set."""
    regions = tuple(response.company.data_residency)  # codes, upper case (the model's)
    if not regions:
        return ()
    applied.residency = Residency(regions, source_of(response))
    for feature in RESIDENCY_AREAS:
        level = "native" if hosts_in(regions, feature) else "none"
        for plan in applied.data.get("plans", []):
            plan["features"] = {**(plan.get("features") or {}), feature: level}
    return tuple(RESIDENCY_AREAS)


def _level(data: dict[str, Any], plan_name: str, feature: str) -> str:
    """The level of ``feature`` in a plan's table (through `extends`), unknown when unlisted."""
    by_name = {p["name"]: p for p in data.get("plans", [])}
    seen: set[str] = set()
    name: str | None = plan_name
    while name is not None and name not in seen:
        seen.add(name)
        plan = by_name.get(name, {})
        if feature in (plan.get("features") or {}):
            return str(plan["features"][feature])
        name = plan.get("extends")
    return "unknown"


def _company(data: dict[str, Any], response: RfiResponse) -> None:
    company = response.company
    if company.certifications:
        data["certifications"] = list(company.certifications)
    sla = data.setdefault("sla", {})
    if company.sla_availability is not None:
        sla["availability"] = company.sla_availability
    if company.sla_response_hours is not None:
        sla["response_hours"] = company.sla_response_hours
    integrations = data.setdefault("integrations", {})
    if company.data_export is not None:
        integrations["data_export"] = company.data_export
    if company.rest_api is not None:
        integrations["rest_api"] = company.rest_api
    if company.api_calls_per_day is not None:
        data.setdefault("limits", {})["api_calls_per_day"] = company.api_calls_per_day
