"""Intelligence's background entry points. They take no arguments and are idempotent."""

from django_tasks import task

from caredesk.intelligence.services.training import retrain_due


@task()
def retrain_models_task() -> dict[str, int | None]:
    """Retrain the targets whose solved history grew by a tenth since their last version.

    A run that overlaps another trains one extra version at worst; activation keeps one live.
    """
    return retrain_due()
