"""What to check next: hand-built cases where one unchecked cell decides and another does not."""

from __future__ import annotations

import numpy as np

from crmselect.scoring.next_checks import BASES, basis_codes, next_checks

U, C, D, NONE = BASES.index("unknown"), BASES.index("claim"), BASES.index("disagreement"), -1
W = np.array([0.5, 0.3, 0.2])


def run(fit, basis, must=(False, False, False), other_ok=(True, True), threshold=0.5):
    return next_checks(
        ids=["a", "b"],
        req_ids=["R1", "R2", "R3"],
        w=W,
        fit=np.array(fit, dtype=float),
        must=np.array(must),
        must_fit=0.75,
        threshold=threshold,
        other_ok=np.array(other_ok),
        basis=np.array(basis),
    )


def test_exactly_one_unknown_claim_is_decisive() -> None:
    # columns a, b; w = (0.5, 0.3, 0.2); threshold 0.5; rule: fit
    # a: R1 1 (demo), R2 1 (demo), R3 unknown (fit 0)  -> 0.5 + 0.3       = 0.8, recommended
    # b: R1 1 (demo), R2 unknown (fit 0), R3 1 (demo)  -> 0.5 + 0.2       = 0.7
    # a/R3 at 0: a 0.8 (a); at 1: a 1.0 (a)            -> not decisive
    # b/R2 at 0: b 0.7 (a); at 1: b 0.7 + 0.3 = 1.0 (b) -> decisive
    fit = [[1, 1], [1, 0], [0, 1]]
    basis = [[NONE, NONE], [NONE, U], [U, NONE]]
    first, second = run(fit, basis)
    assert (first.vendor, first.requirement, first.basis) == ("b", "R2", "unknown")
    assert first.decisive and (first.if_0, first.if_1) == ("a", "b")
    assert (second.vendor, second.requirement) == ("a", "R3")
    assert not second.decisive and (second.if_0, second.if_1) == ("a", "a")
    assert first.fit == 0.0 and first.to_json_dict()["if_1"] == "b"


def test_a_must_have_claim_of_the_recommended_vendor_decides_through_qualification() -> None:
    # R1 is a must-have; a claims it natively (fit 1, no demo): at 0 a no longer qualifies and
    # b (0.7) is recommended; at 1 nothing changes. b's R3 claim (fit 1) at 0: b 0.5, still
    # qualified, a stays ahead: not decisive.
    fit = [[1, 1], [1, 0], [0, 1]]
    basis = [[C, NONE], [NONE, NONE], [NONE, C]]
    checks = run(fit, basis, must=(True, False, False))
    assert [(c.vendor, c.requirement, c.decisive) for c in checks] == [
        ("a", "R1", True),
        ("b", "R3", False),
    ]
    assert (checks[0].if_0, checks[0].if_1) == ("b", "a")


def test_no_vendor_qualifies_until_a_check_succeeds() -> None:
    # threshold 0.9: a (0.8) and b (0.7) both fall short; a's unknown R3 at 1 gives a 1.0
    fit = [[1, 1], [1, 0], [0, 1]]
    basis = [[NONE, NONE], [NONE, U], [U, NONE]]
    checks = run(fit, basis, threshold=0.9)
    by = {(c.vendor, c.requirement): c for c in checks}
    assert (by["a", "R3"].if_0, by["a", "R3"].if_1, by["a", "R3"].decisive) == (None, "a", True)
    # b at 1 on R2 reaches 1.0: decisive too; both decisive, so by weight: R2 (0.3) first
    assert by["b", "R2"].decisive and by["b", "R2"].if_1 == "b"
    assert [c.requirement for c in checks] == ["R2", "R3"]


def test_a_vendor_kept_out_by_its_plan_cannot_be_checked_in() -> None:
    fit = [[1, 1], [1, 0], [0, 1]]
    basis = [[NONE, NONE], [NONE, U], [U, NONE]]
    checks = run(fit, basis, other_ok=(True, False))
    assert not any(c.decisive for c in checks)


def test_ties_go_to_the_vendor_id() -> None:
    # b's R2 at 1 gives b exactly a's 0.8 + ... : a 0.8, b 0.5 + 0.3 = 0.8 -> tie -> a
    fit = [[1, 1], [1, 0], [0, 0]]
    basis = [[NONE, NONE], [NONE, U], [NONE, NONE]]
    (check,) = run(fit, basis)
    assert (check.if_1, check.decisive) == ("a", False)


def test_basis_codes() -> None:
    # unknown level code 6; demo NaN where nobody scored; disagreement wins over the rest
    levels = np.array([[6, 0], [0, 6]])
    demo = np.array([[np.nan, 0.8], [np.nan, np.nan]])
    disagree = np.array([[False, True], [False, False]])
    codes = basis_codes(levels, demo, disagree, 6)
    assert codes.tolist() == [[U, D], [C, U]]
