"""ISO 4217 currency codes in use, and the common non-codes people write for them."""

from __future__ import annotations

_LIST = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
    TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """
CODES = frozenset(_LIST.split())

ALIASES = {
    "RMB": "CNY",
    "CNH": "CNY",
    "YUAN": "CNY",
    "UKP": "GBP",
    "GBR": "GBP",
    "STG": "GBP",
    "EURO": "EUR",
    "EU": "EUR",
    "US": "USD",
    "USA": "USD",
    "NTD": "TWD",
    "NTS": "TWD",
    "RUR": "RUB",
    "YEN": "JPY",
    "JAP": "JPY",
    "SFR": "CHF",
    "CHN": "CNY",
    "HK": "HKD",
}
"""Non-codes seen in the wild (RMB for the renminbi) and the code meant."""


def suggestion(value: str) -> str | None:
    """The ISO code ``value`` probably means, or None."""
    upper = value.strip().upper()
    if upper in CODES:
        return upper
    if upper in ALIASES:
        return ALIASES[upper]
    # two letters swapped (GPB for GBP, UDS for USD): the commonest slip in a 3-letter code
    swapped = [upper[:i] + upper[i + 1] + upper[i] + upper[i + 2 :] for i in range(len(upper) - 1)]
    for candidate in swapped:
        if candidate in CODES:
            return candidate
    import difflib

    close = difflib.get_close_matches(upper, sorted(CODES), n=1, cutoff=0.67)
    return close[0] if close else None
