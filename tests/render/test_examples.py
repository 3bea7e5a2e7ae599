"""The bundled examples end to end: Markdown goldens, and a summary that equals the results."""

from __future__ import annotations

import msgspec
import pytest

from crmselect._resources import example_scorecard
from crmselect.decision import decide
from crmselect.io.loader import load_selection
from crmselect.provenance import collect, generation_time
from crmselect.render.common import money, pct
from crmselect.render.report import render_markdown
from tests.render.conftest import EPOCH, ROOT, check_golden

EXAMPLES = ("medical-devices-cn", "b2b-software-eu", "b2b-services-us")
RUNS = {"seed": 42, "simulations": 2000, "draws": 2000}


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request):
    """(name, decision) for a bundled example, at the fixed date, without git state (which
    changes with every commit) so the golden file stays put."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
        selection = load_selection(example_scorecard(request.param))
        decision = decide(selection, **RUNS)
        provenance = collect(selection, **RUNS, use_git=False, when=generation_time(EPOCH))
        yield request.param, msgspec.structs.replace(decision, provenance=provenance)


def test_example_markdown_golden(example, update_golden):
    name, decision = example
    check_golden(f"{name}.md", render_markdown(decision), update_golden)


def test_summary_numbers_equal_the_results(example):
    """Every figure in the summary is the score or TCO JSON's number, only formatted."""
    from crmselect.decision import score_and_cost

    name, decision = example
    selection = decision.selection
    scored, costed = score_and_cost(
        selection, seed=42, simulations=2000, draws=2000, as_of="2026-01"
    )
    score_json, tco_json = scored.to_json_dict(), costed.to_json_dict()
    assert [v["fit"] for v in score_json["vendors"]] == [v.fit for v in decision.score.vendors]
    summary = render_markdown(decision).split("## 2.")[0]
    currency = tco_json["currency"]
    qualified = [v for v in score_json["vendors"] if v["qualified"]]
    assert f"{len(qualified)} of {len(score_json['vendors'])} vendors qualify" in summary or (
        not qualified and "No vendor qualifies" in summary
    )
    # The summary shows the vendor the award rule recommends (decision.md §1).
    award = score_json["award"]
    lead = next(
        (v for v in score_json["vendors"] if v["id"] == award["recommended"]),
        score_json["vendors"][0],
    )
    t = next(v for v in tco_json["vendors"] if v["id"] == lead["id"])
    expected = [pct(lead["fit"], 1), money(t["total"], currency)]
    if qualified:
        sim = t["simulation"]
        expected += [
            money(t["npv"], currency),
            money(sim["p50"], currency),
            money(sim["p90"], currency),
            pct(sim["p_cheapest"]),
            pct(next(a for a in award["vendors"] if a["id"] == lead["id"])["p_award_first"]),
            money(sim["p50"] / (100 * lead["fit"]), currency),
        ]
    for figure in expected:
        assert figure in summary, (figure, summary)


def test_score_costs_only_what_the_award_compares(example):
    """`score` simulates only the qualified vendors' costs (award_only): its result is the
    same as with the full simulation, byte for byte in JSON."""
    import json

    from crmselect.decision import score_and_cost

    _, decision = example
    runs = {"seed": 42, "simulations": 1500, "draws": 1500, "as_of": "2026-01"}
    full, _ = score_and_cost(decision.selection, **runs)
    lean, _ = score_and_cost(decision.selection, **runs, award_only=True)
    assert json.dumps(lean.to_json_dict()) == json.dumps(full.to_json_dict())
