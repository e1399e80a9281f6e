"""Training classifiers on the team's own solved tickets, and choosing which version is live."""

import logging

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from caredesk.core import clock
from caredesk.intelligence import options
from caredesk.intelligence.choices import Target
from caredesk.intelligence.classifier import NotEnoughData, fit_and_evaluate
from caredesk.intelligence.models import ModelVersion
from caredesk.intelligence.services.artefacts import dump
from caredesk.tickets.choices import Priority, TicketStatus
from caredesk.tickets.models import Message, Ticket

logger = logging.getLogger(__name__)

# The newest solved tickets are the ones that look like tomorrow's.
MAX_TRAINING_TICKETS = 50_000
# A retrained version goes live on its own only if it is at most this much worse (macro-F1) than
# the live one: a noisy split should not flip versions back and forth, a real regression must not
# ship.
TOLERATED_REGRESSION = 0.02
LABEL_FIELDS = {
    Target.CATEGORY: "category__slug",
    Target.TEAM: "team__slug",
    Target.PRIORITY: "priority",
}


def ticket_text(subject: str, body: str) -> str:
    """What a classifier reads of a ticket: the same for training, prediction and evaluation."""
    return f"{subject}\n{body}"


def labelled_tickets(target: str) -> QuerySet[Ticket]:
    """The solved tickets a model of ``target`` learns from."""
    label_field = LABEL_FIELDS[Target(target)]
    return Ticket.objects.filter(
        status__in=[TicketStatus.SOLVED, TicketStatus.CLOSED],
        merged_into__isnull=True,
        **{f"{label_field}__isnull": False},
    )


def training_rows(target: str) -> tuple[list[str], list[str]]:
    label_field = LABEL_FIELDS[Target(target)]
    first_body = Subquery(
        Message.objects.filter(ticket=OuterRef("pk"), is_public=True)
        .order_by("created_at", "id")
        .values("body_text")[:1]
    )
    rows = (
        labelled_tickets(target)
        .annotate(first_body=first_body)
        .order_by("-id")
        .values_list("subject", "first_body", label_field)[:MAX_TRAINING_TICKETS]
    )
    texts, labels = [], []
    for subject, body, label in rows:
        texts.append(ticket_text(subject, body or ""))
        labels.append(Priority(label).label if target == Target.PRIORITY else str(label))
    return texts, labels


def _require_enough_history(target: str, labelled: int) -> None:
    if labelled < options.minimum_training_tickets():
        raise NotEnoughData(
            f"{labelled} solved tickets have a {target}; "
            f"{options.minimum_training_tickets()} are needed before a model can learn it."
        )


def request_training(target: str) -> None:
    """Train ``target`` in the background once the current transaction commits (an admin's
    "train now"); the new version goes live as a scheduled retrain's would.

    Raises ``NotEnoughData`` at once while the history is below the minimum, rather than queueing
    work that can only fail.
    """
    _require_enough_history(target, labelled_tickets(target).count())
    # The task module imports this one; importing it here keeps the cycle out of module loading.
    from caredesk.intelligence.tasks import train_model_task

    name = Target(target).value
    transaction.on_commit(lambda: train_model_task.enqueue(name))


def active_version(target: str) -> ModelVersion | None:
    return ModelVersion.objects.filter(target=target, is_active=True).defer("artefact").first()


def train(target: str, *, activate: bool | None = None, seed: int = 0) -> ModelVersion:
    """Train a new version on solved tickets and store its held-out evaluation.

    ``activate``: True makes it live, False keeps it for review, None (the scheduled retrain)
    makes it live unless it scores worse than the live version by more than the tolerance.
    Raises ``NotEnoughData`` below ``CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS``.
    """
    texts, labels = training_rows(target)
    _require_enough_history(target, len(texts))
    classifier, evaluation = fit_and_evaluate(texts, labels, seed=seed, refit=True)
    data, signature = dump(classifier)
    version = ModelVersion.objects.create(
        target=target,
        created_at=clock.now(),
        trained_on=evaluation.train_rows + evaluation.test_rows,
        metrics=evaluation.as_dict(),
        artefact=data,
        artefact_signature=signature,
    )
    live = active_version(target)
    if activate is None:
        activate = live is None or _macro_f1(version) >= _macro_f1(live) - TOLERATED_REGRESSION
    if activate:
        activate_version(version)
    logger.info(
        "intelligence.trained",
        extra={"target": target, "version": version.pk, "macro_f1": _macro_f1(version)},
    )
    return version


def _macro_f1(version: ModelVersion) -> float:
    return float(version.metrics.get("macro_f1") or 0.0)


@transaction.atomic
def activate_version(version: ModelVersion) -> ModelVersion:
    ModelVersion.objects.filter(target=version.target, is_active=True).exclude(
        pk=version.pk
    ).update(is_active=False)
    ModelVersion.objects.filter(pk=version.pk).update(is_active=True)
    version.is_active = True
    return version


@transaction.atomic
def rollback(target: str) -> ModelVersion | None:
    """Make the version before the live one live again; with none, go back to the cold start."""
    live = ModelVersion.objects.select_for_update().filter(target=target, is_active=True).first()
    if live is None:
        return None
    previous = (
        ModelVersion.objects.filter(target=target, created_at__lte=live.created_at, id__lt=live.pk)
        .defer("artefact")
        .order_by("-created_at", "-id")
        .first()
    )
    ModelVersion.objects.filter(pk=live.pk).update(is_active=False)
    if previous is None:
        return None
    return activate_version(previous)


def retrain_due() -> dict[str, int | None]:
    """Retrain each target whose labelled history grew by a tenth since its last version."""
    trained: dict[str, int | None] = {}
    for target in Target:
        latest = ModelVersion.objects.filter(target=target).defer("artefact").first()
        labelled = labelled_tickets(target).count()
        if latest is not None and labelled < latest.trained_on * 1.1:
            continue
        try:
            trained[target] = train(target).pk
        except NotEnoughData:
            trained[target] = None
    return trained
