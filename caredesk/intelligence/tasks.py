"""Intelligence's background entry points. They take plain values and are safe to run twice."""

from django_tasks import task

from caredesk.intelligence.classifier import NotEnoughData
from caredesk.intelligence.services.training import retrain_due, train


@task()
def retrain_models_task() -> dict[str, int | None]:
    """Retrain the targets whose solved history grew by a tenth since their last version.

    A run that overlaps another trains one extra version at worst; activation keeps one live.
    """
    return retrain_due()


@task()
def train_model_task(target: str) -> int | None:
    """Train one target now; the version id, or None while its history is too small.

    Running twice stores two versions; activation keeps one live.
    """
    try:
        return train(target).pk
    except NotEnoughData:
        return None
