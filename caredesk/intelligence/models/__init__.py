"""Intelligence models. Import them from here: ``from caredesk.intelligence.models import Insight``."""

from caredesk.intelligence.models.insight import Insight
from caredesk.intelligence.models.model_version import ModelVersion

__all__ = ["Insight", "ModelVersion"]
