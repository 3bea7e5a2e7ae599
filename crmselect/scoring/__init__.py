"""The needs–function matrix scorer (scoring.md): ``score(selection) -> ScoreResult``."""

from crmselect.scoring.core import score
from crmselect.scoring.result import (
    BreakEven,
    Matrix,
    RequirementInfo,
    Risk,
    ScoreResult,
    VendorScore,
)

__all__ = ["BreakEven", "Matrix", "RequirementInfo", "Risk", "ScoreResult", "VendorScore", "score"]
