"""The one clock of crmselect: now, or ``SOURCE_DATE_EPOCH`` for reproducible output, and
month arithmetic on ``YYYY-MM`` price dates."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping


def generation_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """Now in UTC (whole seconds), or the moment ``SOURCE_DATE_EPOCH`` names when it is set."""
    from crmselect.errors import UsageError

    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
        ) from None


def year_month(when: dt.date) -> str:
    """``YYYY-MM`` of a date or datetime."""
    return f"{when.year:04d}-{when.month:02d}"


def months_between(earlier: str, later: str | dt.date) -> int:
    """Whole calendar months from ``YYYY-MM`` to ``later`` (a ``YYYY-MM`` or a date); negative
    when ``earlier`` is after it."""
    later_text = later if isinstance(later, str) else year_month(later)
    y1, m1 = (int(part) for part in earlier.split("-"))
    y2, m2 = (int(part) for part in later_text.split("-"))
    return (y2 - y1) * 12 + (m2 - m1)
