"""Market-aware risks: what a buyer in the EU/EEA or the UK (GDPR) and in the US (SOC 2) must check.

China's checks (MLPS level 3, WeCom/DingTalk) stay in :mod:`crmselect.scoring.risks`; this module
adds the GDPR and SOC 2 ones, so that ``market`` changes the risk register outside China too.
A risk that rests on a missing fact says "not confirmed by the profile"; one that rests on a
profile's explicit ``none`` says so plainly (decision.md §2).
"""

from __future__ import annotations

import re

from crmselect.models.vendor import Vendor
from crmselect.models.workflow import Residency
from crmselect.scoring.result import Risk

EU_EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "EU",
    ]
)
"""Markets where the GDPR applies directly: the EU member states, the EEA (Iceland,
Liechtenstein, Norway) and ``EU`` for a buyer that names the union as a whole."""
UK = frozenset({"GB", "UK"})
"""The United Kingdom (UK GDPR and the Data Protection Act 2018)."""
GDPR_MARKETS = EU_EEA | UK
US = frozenset({"US"})

RESIDENCY_AREAS = {
    "data-residency-eu": EU_EEA | UK | {"EEA"},
    "data-residency-cn": frozenset({"CN"}),
}
"""The features of data hosting, and the region codes (as an RFI's Company sheet answers
them) that each one covers: a member state, the EU/EEA or the UK; mainland China."""


def hosts_in(regions: tuple[str, ...], feature: str) -> bool:
    """True when one of ``regions`` is covered by the hosting ``feature`` (``RESIDENCY_AREAS``)."""
    return any(region.upper() in RESIDENCY_AREAS[feature] for region in regions)


MET = ("native", "addon", "partner", "custom")
"""Levels that count as the feature being there (bought or built)."""


def gdpr_market(market: str | None) -> bool:
    """True for a market where the (EU or UK) GDPR applies."""
    return market in GDPR_MARKETS


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def has_certification(vendor: Vendor, *prefixes: str) -> bool:
    """True when ``certifications`` lists one starting with one of ``prefixes``, however it is
    written: ``soc2`` matches SOC2, SOC 2 and SOC 2 Type II."""
    held = [_normal(c) for c in vendor.certifications]
    return any(h.startswith(prefix) for h in held for prefix in prefixes)


def _level(vendor: Vendor, plan: str, feature: str) -> str:
    """The feature's level on ``plan``, an add-on buyable with the plan counting as ``addon``."""
    return vendor.support_level(plan, feature)


def _missing(level: str, what: str, plan: str) -> str:
    """Plain words for a feature that is not confirmed (unknown) or absent (none, roadmap)."""
    if level == "none":
        return f"no {what} in plan {plan}"
    if level == "roadmap":
        return f"{what} only on the roadmap in plan {plan}"
    return f"{what} not confirmed by the profile"


def _not_hosted(residency: Residency | None, feature: str, level: str, what: str, plan: str) -> str:
    """Why data hosting in an area is a risk: the RFI's list of regions when it answered
    without one the hosting ``feature`` covers (with its date), else the claim's level."""
    if residency is not None and not hosts_in(residency.regions, feature):
        return f"no {what}: the {residency.source} names {', '.join(residency.regions)} only"
    return _missing(level, what, plan)


def market_risks(
    vendor: Vendor, market: str | None, plan: str, residency: Residency | None = None
) -> tuple[Risk, ...]:
    """The GDPR risks for a buyer in the EU/EEA or the UK, data hosting outside mainland China
    for a buyer there, and the SOC 2 risk for a US buyer. ``residency``: where the vendor's RFI
    says the data can be kept."""
    risks: list[Risk] = []
    if gdpr_market(market):
        where = "UK GDPR" if market in UK else "GDPR"
        # Self-hosting keeps the vendor out of the data: no processor terms or transfers to
        # check with it (the hosting provider, if any, is the buyer's own choice).
        hosted = vendor.deployment != "on_prem"
        if hosted and not has_certification(vendor, "gdpr", "dpa"):
            risks.append(
                Risk(
                    "gdpr-processor-terms",
                    f"{where} processor terms (a data processing agreement) not confirmed "
                    "by the profile",
                    "GDPR Art. 28: a processor acts only under a written contract",
                )
            )
        if hosted:
            level = _level(vendor, plan, "data-residency-eu")
            if level not in MET:
                risks.append(
                    Risk(
                        "eu-data-residency",
                        _not_hosted(
                            residency, "data-residency-eu", level, "EU/UK data hosting", plan
                        )
                        + ": personal data may leave the EU/UK",
                        "GDPR Chapter V: transfers outside the EU/UK need safeguards",
                    )
                )
        level = _level(vendor, plan, "gdpr-tools")
        if level not in MET:
            risks.append(
                Risk(
                    "gdpr-tooling",
                    _missing(level, "GDPR tooling (subject-access export, erasure)", plan),
                    "GDPR Art. 15 and 17: answer access and erasure requests within a month",
                )
            )
    if market == "CN" and vendor.deployment != "on_prem":
        # Only where a source says so: the profile's none or roadmap, or the RFI's regions.
        level = _level(vendor, plan, "data-residency-cn")
        if level in ("none", "roadmap"):
            risks.append(
                Risk(
                    "cn-data-residency",
                    _not_hosted(
                        residency,
                        "data-residency-cn",
                        level,
                        "data hosting in mainland China",
                        plan,
                    )
                    + ": personal information would leave China",
                    "PIPL Art. 38-40: transfers out of China need a security assessment, "
                    "certification or standard contract",
                )
            )
    if market in US and not has_certification(vendor, "soc2"):
        said = any(_normal(c).startswith("soc2") for c in vendor.not_certified)
        risks.append(
            Risk(
                "no-soc2",
                "no SOC 2 report" if said else "SOC 2 report not confirmed by the profile",
                "AICPA SOC 2: the assurance report US security reviews ask for",
            )
        )
    return tuple(risks)
