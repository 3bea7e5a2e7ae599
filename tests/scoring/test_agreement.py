"""Evaluator agreement against textbook data, arithmetic written out."""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.models.scorecard import ScoreFile
from crmselect.scoring.agreement import agreement, icc2, icc_band, kendall_w, mean_ranks
from crmselect.scoring.completeness import completeness_of

# Shrout & Fleiss (1979), Table 2: six targets rated by four judges.
SHROUT_FLEISS = np.array(
    [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ],
    dtype=float,
)


def test_icc_on_shrout_and_fleiss_1979() -> None:
    # n = 6 targets, k = 4 judges; row totals 24, 12, 26, 16, 30, 19; column totals 46, 15, 26,
    # 40; grand total G = 127; Σx² = 841; correction G²/(nk) = 16129/24
    # SS_rows = (24²+12²+26²+16²+30²+19²)/4 − 16129/24 = 2913/4 − 16129/24 = 1349/24 (56.2083)
    # SS_cols = (46²+15²+26²+40²)/6 − 16129/24 = 4617/6 − 16129/24 = 2339/24 (97.4583)
    # SS_total = 841 − 16129/24 = 4055/24; SS_err = (4055 − 1349 − 2339)/24 = 367/24 (15.2917)
    # MSR = SS_rows/5 = 11.2417, MSC = SS_cols/3 = 32.4861, MSE = SS_err/15 = 1.0194
    msr, msc, mse, n, k = 1349 / 24 / 5, 2339 / 24 / 3, 367 / 24 / 15, 6, 4
    icc21 = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)  # 10.2222 / 35.2778
    icc2k = (msr - mse) / (msr + (msc - mse) / n)  # 10.2222 / 16.4861
    assert round(icc21, 4) == 0.2898  # the paper prints .29
    assert round(icc2k, 4) == 0.6201  # the paper prints .62
    single, average = icc2(SHROUT_FLEISS)
    assert round(single, 4) == 0.2898
    assert round(average, 4) == 0.6201
    assert average == pytest.approx(icc2k, abs=1e-12)
    assert single == pytest.approx(icc21, abs=1e-12)
    assert icc_band(single) == "poor"


def test_icc_bands() -> None:
    assert [icc_band(x) for x in (0.49, 0.5, 0.74, 0.75, 0.9, 0.91)] == [
        "poor",
        "moderate",
        "moderate",
        "good",
        "good",
        "excellent",
    ]


def test_mean_ranks_share_ties() -> None:
    assert mean_ranks(np.array([3.0, 1.0, 3.0, 2.0])).tolist() == [3.5, 1.0, 3.5, 2.0]


def test_kendall_w_with_ties_written_out() -> None:
    # three raters, five items (n = 5, m = 3)
    # rater 1 scores 1, 2, 3, 4, 5   -> ranks 1, 2, 3, 4, 5            (no ties)
    # rater 2 scores 2, 2, 3, 5, 4   -> ranks 1.5, 1.5, 3, 5, 4       (one pair: T = 2³−2 = 6)
    # rater 3 scores 1, 3, 3, 3, 5   -> ranks 1, 3, 3, 3, 5           (a triple: T = 3³−3 = 24)
    # rank totals R = 3.5, 6.5, 9, 12, 14; mean 9
    # S = 5.5² + 2.5² + 0 + 3² + 5² = 30.25 + 6.25 + 9 + 25 = 70.5
    # W = 12 S / (m² (n³ − n) − m ΣT) = 846 / (9 · 120 − 3 · 30) = 846 / 990 = 0.854545...
    x = np.array([[1, 2, 1], [2, 2, 3], [3, 3, 3], [4, 5, 3], [5, 4, 5]], dtype=float)
    assert round(kendall_w(x), 4) == 0.8545
    assert kendall_w(x) == pytest.approx(846 / 990)
    # without the correction it would be 846 / 1080 = 0.7833: the ties matter
    assert round(846 / 1080, 4) == 0.7833


def test_kendall_w_perfect_and_reversed() -> None:
    x = np.array([[1, 1], [2, 2], [3, 3]], dtype=float)
    assert kendall_w(x) == pytest.approx(1.0)
    y = np.array([[1, 3], [2, 2], [3, 1]], dtype=float)
    assert kendall_w(y) == pytest.approx(0.0)


def sheet(name: str, scores: dict, notes: dict | None = None) -> ScoreFile:
    return ScoreFile.model_validate(
        {"kind": "scores", "evaluator": name, "scores": scores, "notes": notes or {}}
    )


def test_lean_missing_must_haves_and_disagreements() -> None:
    # two vendors x three requirements (R1 and R3 must-haves)
    sheets = [
        sheet("ann", {"v": {"R1": 5, "R2": 4, "R3": 5}, "w": {"R1": 5}}, {"v": "great demo"}),
        sheet("bob", {"v": {"R1": 2, "R2": 3, "R3": 1}, "w": {"R1": 3}}),
        sheet("cy", {"v": {"R1": 3.5, "R2": 3.5}}),
    ]
    gaps = completeness_of(sheets, ["v", "w"], ["R1", "R3"])
    result = agreement(sheets, ["v", "w"], ["R1", "R2", "R3"], gaps, [("v", "R3")])
    ann, bob, cy = result.evaluators
    assert ann.scored == 4 and bob.scored == 4 and cy.scored == 2
    # must-have cells v/R1, v/R3, w/R1, w/R3: ann and bob leave w/R3 empty; cy v/R3, w/R1, w/R3
    assert (ann.missing_must_haves, bob.missing_must_haves, cy.missing_must_haves) == (1, 1, 3)
    # ann: v/R1 5 − (2+3.5)/2 = 2.25; v/R2 4 − 3.25 = 0.75; v/R3 5 − 1 = 4; w/R1 5 − 3 = 2
    assert ann.lean == pytest.approx((2.25 + 0.75 + 4 + 2) / 4)
    assert ann.reading == "lenient" and bob.reading == "harsh"
    # cy: v/R1 3.5 − 3.5 = 0; v/R2 3.5 − 3.5 = 0
    assert cy.lean == 0.0 and cy.reading is None
    # complete cells (all three scored): v/R1 and v/R2 only: fewer than 3 -> no statistics
    assert result.complete_cells == 2 and result.icc2_1 is None and result.kendall_w is None
    (d,) = result.disagreements
    assert d.scores == {"ann": 5.0, "bob": 1.0}
    assert d.notes == {"ann": "great demo"}


def test_missing_must_haves_are_counted_once_per_evaluator() -> None:
    # ann splits her scores over two files (one per vendor): must-have cells v/R1, v/R3,
    # w/R1, w/R3; she leaves only w/R3 empty (1), bob leaves v/R3, w/R1 and w/R3 (3). The
    # completeness and the agreement show the very same counts, one row per evaluator.
    sheets = [
        sheet("ann", {"v": {"R1": 4, "R3": 4}}),
        sheet("bob", {"v": {"R1": 2}}),
        sheet("ann", {"w": {"R1": 3}}),
    ]
    gaps = completeness_of(sheets, ["v", "w"], ["R1", "R3"])
    assert gaps is not None
    assert [(g.evaluator, g.missing, g.total) for g in gaps.evaluators] == [
        ("ann", 1, 4),
        ("bob", 3, 4),
    ]
    result = agreement(sheets, ["v", "w"], ["R1", "R2", "R3"], gaps)
    assert result is not None
    assert [(e.evaluator, e.missing_must_haves) for e in result.evaluators] == [
        ("ann", 1),
        ("bob", 3),
    ]
    assert gaps.missing("nobody") == 4


def test_statistics_over_complete_cells() -> None:
    # the Shrout & Fleiss table as demo scores: cells = targets, evaluators = judges
    # (their 1..10 scale halved onto 0..5)
    names = ["j1", "j2", "j3", "j4"]
    reqs = [f"R{i}" for i in range(6)]
    sheets = [
        sheet(name, {"v": {r: SHROUT_FLEISS[i, j] / 2 for i, r in enumerate(reqs)}})
        for j, name in enumerate(names)
    ]
    result = agreement(sheets, ["v"], reqs, completeness_of(sheets, ["v"], []))
    assert result.complete_cells == 6
    # halving every score leaves both ICCs and W unchanged
    assert round(result.icc2_1, 4) == 0.2898 and round(result.icc2_k, 4) == 0.6201
    assert result.band == "poor"
    assert result.kendall_w == pytest.approx(kendall_w(SHROUT_FLEISS))
