"""Requirement hygiene (scoring.md §8): warnings about the requirement list itself."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from crmselect.models.scorecard import Requirement

SHOWN = 5
"""Ids listed in one warning before "and N more"."""


def _ids(items: Sequence[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _groups(keys: Sequence[str], ids: Sequence[str]) -> list[list[str]]:
    """Ids grouped by equal key, groups of two or more, in first-seen order."""
    groups: dict[str, list[str]] = {}
    for key, rid in zip(keys, ids, strict=True):
        groups.setdefault(key, []).append(rid)
    return [group for group in groups.values() if len(group) > 1]


def hygiene_warnings(
    requirements: Sequence[Requirement], fit: np.ndarray, must_met: np.ndarray
) -> list[str]:
    """Warnings on the requirement list. ``fit`` is (R, V); ``must_met`` is bool (R_must, V) in
    the order the must-haves appear among ``requirements``."""
    warnings: list[str] = []
    total = len(requirements)
    musts = [r for r in requirements if r.priority == "must"]
    if total and len(musts) * 2 > total:
        warnings.append(
            f"{len(musts)} of {total} requirements are must-haves: when everything is a must, "
            "nothing is (keep 3 to 5 core needs [A])"
        )
    if fit.shape[1] > 0 and musts:
        met_by_any = np.asarray(must_met.any(axis=1))
        nobody = [r for r, met in zip(musts, met_by_any, strict=True) if not met]
        if len(nobody) == 1:
            req = nobody[0]
            warnings.append(
                f"must-have {req.id} ({req.title}) is met by no compared vendor: "
                "it disqualifies everyone"
            )
        elif nobody:  # one line naming them all, the explanation once (report-print.md §5)
            named = _ids([f"{req.id} ({req.title})" for req in nobody])
            warnings.append(
                f"must-haves {named} are met by no compared vendor: each disqualifies everyone"
            )
    if fit.shape[1] >= 2 and total:
        same = np.all(np.abs(fit - fit[:, :1]) < 1e-12, axis=1)
        flat = [r.id for r, s in zip(requirements, same, strict=True) if s]
        if flat:
            warnings.append(
                f"every vendor fits {_ids(flat)} equally: "
                f"{'they do' if len(flat) > 1 else 'it does'} not discriminate"
            )
    ids = [r.id for r in requirements]
    dup_titles = _groups([" ".join(r.title.casefold().split()) for r in requirements], ids)
    for group in dup_titles[:SHOWN]:
        warnings.append(f"requirements {_ids(group)} have the same title")
    if len(dup_titles) > SHOWN:
        warnings.append(f"{len(dup_titles) - SHOWN} more titles are used by several requirements")
    dup_features = _groups([r.feature for r in requirements], ids)
    for group in dup_features[:SHOWN]:
        feature = requirements[ids.index(group[0])].feature
        warnings.append(f"requirements {_ids(group)} ask for the same feature '{feature}'")
    if len(dup_features) > SHOWN:
        warnings.append(
            f"{len(dup_features) - SHOWN} more features are asked for by several requirements"
        )
    return warnings
