"""The risk register per vendor (scoring.md §9), each risk tied to the rule behind it and
its source article by name ([A]..[E], docs/sources.md).

Risks that need the cost model (a plan upgrade forced by seat growth) come from TCO through
the ``extra`` argument of :func:`vendor_risks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from crmselect.dates import months_between
from crmselect.models.common import point_value
from crmselect.models.scorecard import Scorecard
from crmselect.models.vendor import Vendor
from crmselect.models.workflow import RfiFacts
from crmselect.scoring.market import market_risks
from crmselect.scoring.result import Risk

SLA_AVAILABILITY = 0.999
RESPONSE_HOURS = 4.0
DISCOUNT_TRAP = 0.5
UPLIFT_LIMIT = 0.05
PRICE_AGE_MONTHS = 12


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z等保三级]", "", text.lower())


def _is_iso27001(cert: str) -> bool:
    return "27001" in _norm(cert)


def _is_mlps3(cert: str) -> bool:
    norm = _norm(cert)
    return "等保三级" in norm or "等保3" in norm or ("mlps" in norm and "3" in norm)


def _lacking(what: str, said: bool) -> str:
    """A missing fact is "not confirmed by the profile"; "no ..." only where the profile says so
    (decision.md §2)."""
    return f"no {what}" if said else f"{what} not confirmed by the profile"


def _certificate_risk(
    vendor: Vendor, code: str, name: str, matches: Callable[[str], bool], source: str
) -> list[Risk]:
    """The risk of a certificate the profile does not list (none when it does); "no ..." only
    when the profile says the vendor lacks it."""
    if any(matches(c) for c in vendor.certifications):
        return []
    said = any(matches(c) for c in vendor.not_certified)
    return [Risk(code, _lacking(f"{name} certification", said), source)]


def forced_upgrade_risk(vendor: Vendor, year: int, plan: str) -> Risk:
    """The TCO's hook: seat growth forces the plan up to ``plan`` in ``year``."""
    return Risk(
        "forced-upgrade",
        f"seat growth forces an upgrade to {plan} in year {year}",
        "growing from 50 to 300 users forced an enterprise upgrade [A]",
    )


SIMULATED_UPGRADE_RISK = 0.10
"""A forced upgrade on at least this share of simulated paths is a risk, even when the
deterministic seat plan stays within the plan."""


def simulated_upgrade_risk(vendor: Vendor, share: float, years: int) -> Risk:
    """The TCO's hook: seat growth forces an upgrade on ``share`` of the simulated paths."""
    return Risk(
        "forced-upgrade",
        f"seat growth forces a plan upgrade within {years} years on {share:.0%} of simulated paths",
        "growing from 50 to 300 users forced an enterprise upgrade [A]",
    )


def vendor_risks(
    vendor: Vendor,
    scorecard: Scorecard,
    plan: str,
    *,
    as_of: str,
    extra: Iterable[Risk] = (),
    rfi: RfiFacts | None = None,
) -> tuple[Risk, ...]:
    """The vendor's risks from its profile, the scorecard's market and the chosen ``plan``;
    ``as_of`` (``YYYY-MM``) dates the price check; ``extra`` adds risks found elsewhere (TCO);
    ``rfi`` is what its RFI responses state beyond the profile (the hosting regions)."""
    risks: list[Risk] = []
    sla = vendor.sla
    if sla.availability is None:
        risks.append(
            Risk(
                "sla-missing",
                "availability SLA not confirmed by the profile",
                "class-A systems 99.9% availability [E]",
            )
        )
    elif sla.availability < SLA_AVAILABILITY - 1e-12:
        risks.append(
            Risk(
                "sla-availability",
                f"SLA availability {sla.availability * 100:g}% is below 99.9%",
                "class-A systems 99.9% availability [E]",
            )
        )
    if sla.response_hours is not None and sla.response_hours > RESPONSE_HOURS:
        risks.append(
            Risk(
                "sla-response",
                f"support response within {sla.response_hours:g} hours, over 4 hours",
                "remote diagnosis within 4 hours [A]",
            )
        )
    api = vendor.integrations.rest_api
    if api is not True:
        what = "no REST API" if api is False else "REST API not confirmed by the profile"
        risks.append(Risk("no-rest-api", what, "a RESTful API at least [E]"))
    export = vendor.integrations.data_export
    if export != "full":
        what = (
            "full data export not confirmed by the profile (lock-in)"
            if export is None
            else f"data export is {export}, not full (lock-in)"
        )
        risks.append(Risk("lock-in", what, "data ownership and full export at any time [B]"))
    contract = vendor.contract
    if contract.first_year_discount >= DISCOUNT_TRAP and contract.uplift_cap is None:
        risks.append(
            Risk(
                "discount-trap",
                f"first-year discount of {contract.first_year_discount * 100:g}% with no uplift cap",
                "10% of list in year 1, then fees up 400% [A]",
            )
        )
    uplift = point_value(contract.annual_uplift)
    if uplift > UPLIFT_LIMIT + 1e-12 and contract.uplift_cap is None:
        risks.append(
            Risk(
                "uncapped-uplift",
                f"price uplift of {uplift * 100:g}% a year with no cap",
                "ask for a fee-cap clause [E]",
            )
        )
    market = scorecard.organisation.market if scorecard.organisation else None
    risks += _certificate_risk(
        vendor, "no-iso27001", "ISO 27001", _is_iso27001, "ISO 27001 security [B]"
    )
    if market == "CN":
        mlps = "MLPS level 3 (等保三级)"
        risks += _certificate_risk(vendor, "no-mlps3", mlps, _is_mlps3, "China's MLPS level 3 [E]")
        table = vendor.features_of(plan)
        buyable = {a.feature for a in vendor.addons_with(plan)}
        sso = {s.lower() for s in vendor.integrations.sso or ()}
        levels = {f: table.get(f, "unknown") for f in ("wecom", "dingtalk")}
        local = [
            f
            for f, level in levels.items()
            if level not in ("none", "roadmap", "unknown") or f in buyable or f in sso
        ]
        if not local:
            said = all(level in ("none", "roadmap") for level in levels.values())
            risks.append(
                Risk(
                    "no-wecom-dingtalk",
                    _lacking(f"WeCom or DingTalk integration in plan {plan}", said),
                    "a brand redeveloped an international CRM that could not connect to WeCom [E]",
                )
            )
    risks.extend(market_risks(vendor, market, plan, rfi.residency if rfi else None))
    age = months_between(vendor.prices_as_of, as_of)
    if age > PRICE_AGE_MONTHS:
        risks.append(
            Risk(
                "stale-prices",
                f"prices are {age} months old (as of {vendor.prices_as_of})",
                "ask for a complete, current 5-year cost simulation [A]",
            )
        )
    confidence = vendor.plan(plan).price_confidence or vendor.price_confidence
    if confidence == "estimate":
        risks.append(
            Risk(
                "estimated-price",
                f"the price of plan {plan} is an estimate, not the vendor's published list price: "
                "get a written quote before deciding",
                "ask vendors for a complete 5-year cost simulation, not a first-year quote [A]",
            )
        )
    risks.extend(extra)
    return tuple(risks)
