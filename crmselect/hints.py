"""Pure string hints for messages: "did you mean" (a leaf: every layer may use it)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'x'?` when a choice is close to ``word``, else an empty string."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    if not close and len(word) >= 3:
        # a shortened id (`hubspot` for `hubspot-sales-hub`): the one choice that starts with it
        starts = [c for c in options if c.lower().startswith(word.lower())]
        close = starts if len(starts) == 1 else []
    return f"; did you mean '{close[0]}'?" if close else ""
