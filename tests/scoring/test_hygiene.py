"""Requirement hygiene (scoring.md §8): each of the four rules fires, and stays quiet, on a
requirement list built for it."""

from __future__ import annotations

import numpy as np

from crmselect.models.scorecard import Requirement
from crmselect.scoring.hygiene import SHOWN, hygiene_warnings


def _req(rid: str, priority: str = "nice", *, title: str = "", feature: str = "") -> Requirement:
    return Requirement(
        id=rid,
        title=title or f"Need {rid}",
        category="functionality",
        priority=priority,
        feature=feature or f"feature-{rid.lower()}",
    )


def _warnings(reqs: list[Requirement], fit: list[list[float]]) -> list[str]:
    """Warnings with ``fit`` (R, V) and must-haves met where their fit is 1."""
    matrix = np.array(fit, dtype=float)
    must_rows = [i for i, r in enumerate(reqs) if r.priority == "must"]
    return hygiene_warnings(reqs, matrix, matrix[must_rows] >= 1.0)


def test_a_clean_list_gives_no_warning() -> None:
    reqs = [_req("R1", "must"), _req("R2"), _req("R3")]
    assert _warnings(reqs, [[1, 0.5], [0.5, 1], [0, 0.75]]) == []


def test_more_than_half_must_haves() -> None:
    reqs = [_req("R1", "must"), _req("R2", "must"), _req("R3")]
    (warning,) = _warnings(reqs, [[1, 0.5], [0.5, 1], [0, 0.75]])
    assert warning.startswith("2 of 3 requirements are must-haves")
    # exactly half is not "more than half"
    assert _warnings(reqs[:1] + reqs[2:], [[1, 0.5], [0, 0.75]]) == []


def test_a_must_have_nobody_meets_disqualifies_everyone() -> None:
    reqs = [_req("R1", "must", title="Contacts"), _req("R2"), _req("R3")]
    (warning,) = _warnings(reqs, [[0.5, 0.75], [1, 0.5], [0, 0.75]])
    assert warning == (
        "must-have R1 (Contacts) is met by no compared vendor: it disqualifies everyone"
    )


def test_unmet_must_haves_are_listed_up_to_the_cap() -> None:
    musts = [_req(f"M{i}", "must") for i in range(SHOWN + 2)]
    nices = [_req(f"N{i}") for i in range(SHOWN + 3)]  # keeps musts at no more than half
    reqs = musts + nices
    fit = [[0.5, 0.0]] * len(musts) + [[1.0, float(i % 2)] for i in range(len(nices))]
    warnings = _warnings(reqs, fit)
    # one line, the explanation once (was: one line per must-have, then "2 more ...")
    named = ", ".join(f"M{i} (Need M{i})" for i in range(SHOWN))
    assert [w for w in warnings if "no compared vendor" in w] == [
        f"must-haves {named} and 2 more are met by no compared vendor: each disqualifies everyone"
    ]


def test_a_requirement_every_vendor_fits_equally_does_not_discriminate() -> None:
    reqs = [_req("R1"), _req("R2"), _req("R3")]
    assert _warnings(reqs, [[1, 1], [0.5, 1], [0.75, 0.75]]) == [
        "every vendor fits R1, R3 equally: they do not discriminate"
    ]
    assert _warnings(reqs[:1], [[0.5, 0.5]]) == [
        "every vendor fits R1 equally: it does not discriminate"
    ]
    # with one vendor nothing can discriminate, so nothing is said
    assert _warnings(reqs, [[1], [0.5], [0]]) == []


def test_same_title_ignores_case_and_spacing() -> None:
    reqs = [_req("R1", title="Lead  scoring"), _req("R2", title="lead scoring"), _req("R3")]
    assert _warnings(reqs, [[1, 0], [0, 1], [1, 0]]) == ["requirements R1, R2 have the same title"]


def test_same_feature_asked_twice() -> None:
    reqs = [_req("R1", feature="wecom"), _req("R2"), _req("R3", feature="wecom")]
    assert _warnings(reqs, [[1, 0], [0, 1], [1, 0]]) == [
        "requirements R1, R3 ask for the same feature 'wecom'"
    ]
