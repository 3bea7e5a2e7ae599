"""pydantic models of every input file kind, and the validated selection they form."""

from pydantic import BaseModel

from crmselect.models.scorecard import (
    JudgmentFile,
    Requirement,
    RequirementFile,
    Scenario,
    Scorecard,
    ScoreFile,
)
from crmselect.models.vendor import FeatureCatalogue, Plan, Vendor
from crmselect.models.workflow import RfiResponse

KINDS: dict[str, type[BaseModel]] = {
    "scorecard": Scorecard,
    "requirements": RequirementFile,
    "vendor": Vendor,
    "features": FeatureCatalogue,
    "scores": ScoreFile,
    "rfi-response": RfiResponse,
    "judgments": JudgmentFile,
}
"""Each file kind, by its `kind:` value, and its model."""

__all__ = [
    "KINDS",
    "FeatureCatalogue",
    "JudgmentFile",
    "Plan",
    "Requirement",
    "RfiResponse",
    "RequirementFile",
    "Scenario",
    "ScoreFile",
    "Scorecard",
    "Vendor",
]
