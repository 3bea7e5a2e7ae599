"""pydantic models of every input file kind, and the validated selection they form."""

from pydantic import BaseModel

from crmselect.models.scorecard import Requirement, RequirementFile, Scenario, Scorecard, ScoreFile
from crmselect.models.vendor import FeatureCatalogue, Plan, Vendor

KINDS: dict[str, type[BaseModel]] = {
    "scorecard": Scorecard,
    "requirements": RequirementFile,
    "vendor": Vendor,
    "features": FeatureCatalogue,
    "scores": ScoreFile,
}
"""Each file kind, by its `kind:` value, and its model."""

__all__ = [
    "KINDS",
    "FeatureCatalogue",
    "Plan",
    "Requirement",
    "RequirementFile",
    "Scenario",
    "ScoreFile",
    "Scorecard",
    "Vendor",
]
