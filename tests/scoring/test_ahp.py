"""AHP weights, consistency ratio and the inconsistency error."""

from pathlib import Path

import pytest

from crmselect.errors import InputError
from crmselect.models.ahp import ahp_weights

LEADER = [
    ("experience", "education", 4),
    ("experience", "charisma", 3),
    ("experience", "age", 7),
    ("education", "charisma", 1 / 3),
    ("education", "age", 3),
    ("charisma", "age", 5),
]


def test_ahp_saaty_choosing_a_leader():
    # Oracle: "Analytic hierarchy process – leader example" (Wikipedia, after Saaty): the board's
    # criteria judgments above give experience .547, charisma .270, education .127, age .056
    # (published to 3 decimals; the exact eigenvector is 0.54757..., so allow 1e-3).
    names = ["experience", "education", "charisma", "age"]
    ahp = ahp_weights(names, LEADER)
    weights, lambda_max, cr = ahp.weights, ahp.lambda_max, ahp.consistency_ratio
    assert weights["experience"] == pytest.approx(0.547, abs=1e-3)
    assert weights["education"] == pytest.approx(0.127, abs=1e-3)
    assert weights["charisma"] == pytest.approx(0.270, abs=1e-3)
    assert weights["age"] == pytest.approx(0.056, abs=1e-3)
    assert sum(weights.values()) == pytest.approx(1.0)
    # The eigen-equation A w = lambda_max w holds for the principal pair.
    from crmselect.models.ahp import pairwise_matrix

    matrix = pairwise_matrix(names, LEADER)
    vector = [weights[n] for n in names]
    assert list(matrix @ vector) == pytest.approx([lambda_max * x for x in vector])
    # CR = (lambda_max - n) / (n - 1) / RI(4), RI(4) = 0.90; well under 0.10
    assert cr == pytest.approx((lambda_max - 4) / 3 / 0.90)
    assert round(cr, 3) == 0.044


def test_consistent_matrix_has_cr_zero():
    # a = 2b = 4c exactly: weights 4/7, 2/7, 1/7 and lambda_max = n
    ahp = ahp_weights(["a", "b", "c"], [("a", "b", 2), ("b", "c", 2), ("a", "c", 4)])
    weights, lambda_max, cr = ahp.weights, ahp.lambda_max, ahp.consistency_ratio
    assert [weights[k] for k in "abc"] == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert lambda_max == pytest.approx(3.0)
    assert cr == pytest.approx(0.0, abs=1e-9)


def test_two_categories_cr_is_zero():
    ahp = ahp_weights(["a", "b"], [("b", "a", 3)])
    assert ahp.weights == pytest.approx({"a": 0.25, "b": 0.75})
    assert ahp.consistency_ratio == 0 and ahp.triple is None


def test_most_inconsistent_triple_ties_go_to_written_order():
    # a>b 9, b>c 9, c>a 9: every triple is (a, b, c) here; with four categories the cycle on
    # a, b, c deviates |ln(9 * 9 * 9)| while triples with d (all 1) deviate less.
    pairs = [
        ("a", "b", 9),
        ("b", "c", 9),
        ("c", "a", 9),
        ("a", "d", 1),
        ("b", "d", 1),
        ("c", "d", 1),
    ]
    assert ahp_weights(["a", "b", "c", "d"], pairs).triple == ("a", "b", "c")


def _ahp_card(tmp_path: Path, allow: bool) -> Path:
    fixture = Path(__file__).parents[1] / "fixtures" / "handcalc"
    text = (fixture / "scorecard.yaml").read_text()
    text = text.replace(
        "  unused: {weight: 10}\n",
        "weighting:\n  method: ahp\n"
        f"  allow_inconsistent: {'true' if allow else 'false'}\n"
        "  pairwise:\n"
        "    - [functionality, integration, 9]\n"
        "    - [integration, service, 9]\n"
        "    - [service, functionality, 9]\n",
    )
    card = tmp_path / "scorecard.yaml"
    card.write_text(text)
    (tmp_path / "scores").mkdir()
    for name in ("e1.yaml", "e2.yaml"):
        (tmp_path / "scores" / name).write_text((fixture / "scores" / name).read_text())
    return card


def test_inconsistent_ahp_is_a_located_error_when_loading(tmp_path):
    from crmselect.io.loader import load_selection

    vendors = Path(__file__).parents[1] / "fixtures" / "handcalc" / "vendors"
    with pytest.raises(InputError) as info:
        load_selection(_ahp_card(tmp_path, allow=False), vendors)
    (problem,) = info.value.problems
    assert problem.path.endswith("scorecard.yaml")
    assert problem.key == "weighting.pairwise"
    assert problem.line == 14  # the pairwise list in the rewritten scorecard
    assert "functionality > integration > service" in problem.message


def test_inconsistent_ahp_allowed_is_a_warning(tmp_path):
    from crmselect.io.loader import load_selection
    from crmselect.scoring import score

    vendors = Path(__file__).parents[1] / "fixtures" / "handcalc" / "vendors"
    result = score(load_selection(_ahp_card(tmp_path, allow=True), vendors), draws=100)
    assert result.consistency_ratio > 0.10
    assert any("consistency ratio" in w for w in result.warnings)
    # a perfect cycle of 9s: every category weighs the same
    assert list(result.weights.values()) == pytest.approx([1 / 3] * 3)
