"""Starters for a market (workflow.md §6): `crmselect init --market CC --currency CUR`.

The bundled starter is written for a Chinese company in CNY. For another market (or currency)
its scorecard gets that market, currency, fx rates for the vendors' currencies (marked for
replacement, with `fx_as_of` left for the user), the scenario's money figures converted at the
same reference rates, vendors of the library that sell there, and requirements typical of that
market; the example scores name the market's vendors.
"""

from __future__ import annotations

import re

import msgspec

from crmselect.errors import UsageError

REFERENCE_RATES = {"USD": 1.0, "CNY": 7.10, "EUR": 0.92, "GBP": 0.79}
"""Units of each currency per US dollar: rough reference rates for a starter only (every
rate written is marked "replace with today's rate")."""


class Market(msgspec.Struct, frozen=True):
    code: str
    name: str
    currency: str
    vendors: tuple[str, ...]
    local: tuple[dict[str, object], ...]
    """Requirements typical of the market, added to the IT department's list."""
    sales_local: dict[str, object]
    """The sales team's localisation requirement (S05)."""
    note: str


_WECOM = {
    "id": "S05",
    "title": "WeCom (企业微信) messages and contacts in the CRM",
    "category": "localisation",
    "priority": "nice",
    "importance": 4,
    "feature": "wecom",
}
_OUTLOOK = {
    "id": "S05",
    "title": "Two-way Outlook email, calendar and contact sync",
    "category": "integration",
    "priority": "nice",
    "importance": 4,
    "feature": "outlook-sync",
}
_GDPR = (
    {
        "id": "I04",
        "title": "GDPR: subject-access export and erasure on request, consent records",
        "category": "localisation",
        "priority": "must",
        "importance": 5,
        "feature": "gdpr-tools",
    },
    {
        "id": "I05",
        "title": "Customer data hosted in the EU/EEA or the UK",
        "category": "localisation",
        "priority": "must",
        "importance": 4,
        "feature": "data-residency-eu",
    },
)

MARKETS: dict[str, Market] = {
    "CN": Market(
        "CN",
        "mainland China",
        "CNY",
        ("fxiaoke", "neocrm", "zoho-crm", "salesforce-sales-cloud"),
        (
            {
                "id": "I04",
                "title": "Customer data hosted in mainland China",
                "category": "localisation",
                "priority": "must",
                "importance": 5,
                "feature": "data-residency-cn",
            },
            {
                "id": "I05",
                "title": "DingTalk (钉钉) approvals and messages",
                "category": "localisation",
                "priority": "nice",
                "importance": 3,
                "feature": "dingtalk",
            },
        ),
        _WECOM,
        "MLPS level 3 (等保三级) is checked in the risk register; ask for it in the RFI.",
    ),
    "GB": Market(
        "GB",
        "the United Kingdom",
        "GBP",
        (
            "salesforce-sales-cloud",
            "hubspot-sales-hub",
            "microsoft-dynamics-365-sales",
            "pipedrive",
            "capsule",
        ),
        _GDPR,
        _OUTLOOK,
        "UK GDPR and the Data (Use and Access) Act apply; ask for UK or EU hosting in the RFI.",
    ),
    "EU": Market(
        "EU",
        "the European Union",
        "EUR",
        ("salesforce-sales-cloud", "hubspot-sales-hub", "pipedrive", "sugarcrm", "odoo-crm"),
        _GDPR,
        _OUTLOOK,
        "GDPR applies; ask for EU hosting and the data processing agreement in the RFI.",
    ),
    "US": Market(
        "US",
        "the United States",
        "USD",
        ("salesforce-sales-cloud", "hubspot-sales-hub", "close", "copper", "freshsales"),
        (
            {
                "id": "I04",
                "title": "Audit log of record and setting changes (SOC 2 evidence)",
                "category": "integration",
                "priority": "must",
                "importance": 4,
                "feature": "audit-log",
            },
        ),
        _OUTLOOK,
        "Ask for the SOC 2 Type II report in the RFI (Company sheet: certifications).",
    ),
}
"""The markets `init --market` knows."""

CURRENCY_MARKET = {m.currency: code for code, m in MARKETS.items()}

MONEY_KEYS = (
    "budget",
    "cost_per_dirty_record",
    "fixed",
    "hourly_cost",
    "certification_per_person",
    "per_requirement",
    "per_field",
    "support_hourly_rate",
    "fte_cost_year",
)


def resolve(market: str | None, currency: str | None) -> Market | None:
    """The market to write; None for the default starter (no option given)."""
    if market is None and currency is None:
        return None
    if currency is not None:
        currency = currency.upper()
        if currency not in REFERENCE_RATES:
            known = ", ".join(sorted(REFERENCE_RATES))
            raise UsageError(
                f"no reference rates for {currency}; choose one of {known} and edit the "
                "scorecard's currency and fx rates afterwards"
            )
    if market is None:
        assert currency is not None
        market = CURRENCY_MARKET[currency]
    market = market.upper()
    if market not in MARKETS:
        raise UsageError(
            f"unknown market '{market}'; one of {', '.join(MARKETS)} "
            "(edit organisation.market afterwards for another country)"
        )
    chosen = MARKETS[market]
    if currency is not None and currency != chosen.currency:
        chosen = Market(
            chosen.code,
            chosen.name,
            currency,
            chosen.vendors,
            chosen.local,
            chosen.sales_local,
            chosen.note,
        )
    return chosen


def _round(value: float) -> int | float:
    """Two significant figures (a starter figure, not a quote)."""
    if value == 0:
        return 0
    digits = 2 - len(str(int(abs(value))))
    rounded = round(value, digits)
    return int(rounded) if float(rounded).is_integer() else rounded


def _rate(currency: str, base: str) -> float:
    """Units of ``base`` per unit of ``currency``."""
    return REFERENCE_RATES[base] / REFERENCE_RATES[currency]


def _yaml_requirement(req: dict[str, object]) -> str:
    lines = [f"  - id: {req['id']}"]
    for key in ("title", "category", "priority", "importance", "feature"):
        value = req[key]
        text = f'"{value}"' if key == "title" else str(value)
        lines.append(f"    {key}: {text}")
    return "\n".join(lines) + "\n"


def scorecard_for(text: str, market: Market, currencies: dict[str, str]) -> str:
    """The bundled starter scorecard rewritten for ``market``. ``currencies`` maps each of the
    market's vendors to its profile currency."""
    cur = market.currency
    factor = 1 / _rate(cur, "CNY")  # CNY figures of the template -> cur
    text = re.sub(
        r"(?m)^  market: CN( +)#.*$",
        f"  market: {market.code}\\1# ISO 3166-1 alpha-2 (EU for the European Union)",
        text,
    )
    text = re.sub(r"(?m)^currency: CNY ", f"currency: {cur} ", text)
    needed = sorted({c for c in currencies.values() if c != cur} | ({"USD"} - {cur}))
    rates = {c: _round_rate(_rate(c, cur)) for c in needed}
    fx_lines = "".join(
        f"  {c}: {rate}{' ' * max(1, 8 - len(str(rate)))}# replace with today's rate\n"
        for c, rate in rates.items()
    )
    comment = "# units of `currency` per 1 unit of each vendor's currency"
    fx_block = (
        f"fx:                           {comment}\n{fx_lines}"
        if fx_lines
        else f"fx: {{}}  {comment}\n"
    ) + "# fx_as_of: YYYY-MM-DD       # the date of the rates above: fill it in when you set them\n"
    text = re.sub(r"(?ms)^fx:.*?\n(?=\n)", lambda _: fx_block, text, count=1)
    text = re.sub(r"(?m)^vendors: \[.*?\]", f"vendors: [{', '.join(market.vendors)}]", text)

    def money(match: re.Match[str]) -> str:
        return f"{match.group(1)}{match.group(2)}: {_round(float(match.group(3)) * factor)}"

    keys = "|".join(MONEY_KEYS)
    text = re.sub(rf"(?m)^(\s+)({keys}): (\d+(?:\.\d+)?)", money, text)

    def triple(match: re.Match[str]) -> str:
        low, mode, high = (_round(float(match.group(i)) * factor) for i in (1, 2, 3))
        return f"cost: {{low: {low}, mode: {mode}, high: {high}}}"

    text = re.sub(r"cost: \{low: (\d+), mode: (\d+), high: (\d+)\}", triple, text)
    text = text.replace("scenario, in CNY.", f"scenario, in {cur}.")
    text = text.replace("# about $200 an hour, in CNY", f"# about $200 an hour, in {cur}")
    text = text.replace(
        "# about 2,000 CNY per certified person",
        f"# [E]'s Chinese figure of about 2,000 CNY per certified person, in {cur} at a "
        "reference rate: replace it with a local quote",
    )
    text = text.replace(
        "# about 3,000 CNY per custom field",
        f"# [E]'s Chinese figure of about 3,000 CNY per custom field, in {cur} at a "
        "reference rate: replace it with a local quote",
    )
    header = [
        f"# Starter for {market.name} ({market.code}), in {cur}: the fx rates and money figures",
        "# below are rough reference values; replace them with yours.",
        f"# {market.note}",
        "#",
    ]
    lines = text.split("\n")
    lines[1:1] = header
    return "\n".join(lines)


def _round_rate(value: float) -> float:
    return round(value, 4 if value < 0.1 else 2)


def it_requirements_for(text: str, market: Market) -> str:
    return text.rstrip("\n") + "\n" + "".join(_yaml_requirement(r) for r in market.local)


def sales_requirements_for(text: str, market: Market) -> str:
    start = text.index("  - id: S05")
    end = text.find("\n  - id:", start + 1)
    block = _yaml_requirement(market.sales_local)
    return text[:start] + block + (text[end + 1 :] if end != -1 else "")


def example_scores_for(text: str, market: Market) -> str:
    vendors = list(market.vendors[:3])
    for old, new in zip(("zoho-crm", "hubspot-sales-hub", "pipedrive"), vendors, strict=True):
        text = re.sub(rf"(?m)^  {old}:", f"  __{new}:", text)
    text = text.replace("  __", "  ")
    return re.sub(r"(?ms)^notes:.*", "", text).rstrip("\n") + "\n"
