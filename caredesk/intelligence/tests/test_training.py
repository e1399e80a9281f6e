import pytest

from caredesk.intelligence.choices import Target
from caredesk.intelligence.classifier import NotEnoughData
from caredesk.intelligence.models import ModelVersion
from caredesk.intelligence.services import artefacts
from caredesk.intelligence.services.training import rollback, train
from caredesk.intelligence.tests.history import solved_history


@pytest.fixture
def history(customer, settings):
    settings.CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS = 30
    return solved_history(customer, per_label=12)


def test_a_version_stores_its_held_out_evaluation(history):
    version = train(Target.CATEGORY)

    assert version.is_active
    assert version.trained_on == 36
    assert version.metrics["split"] == "stratified"
    assert (version.metrics["train_rows"], version.metrics["test_rows"]) == (28, 8)
    assert version.metrics["labels"] == ["billing", "service", "technical"]
    assert set(version.metrics) >= {"accuracy", "macro_f1", "baseline_accuracy", "confusion"}


def test_too_little_history_keeps_the_cold_start(customer, settings):
    settings.CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS = 50
    solved_history(customer, per_label=5)

    with pytest.raises(NotEnoughData, match="15 solved tickets have a category; 50 are needed"):
        train(Target.CATEGORY)

    assert not ModelVersion.objects.exists()


def test_rollback_brings_back_the_previous_version_then_the_cold_start(history):
    first = train(Target.CATEGORY)
    second = train(Target.CATEGORY, activate=True)

    assert rollback(Target.CATEGORY) == first
    assert list(ModelVersion.objects.filter(is_active=True)) == [first]
    assert rollback(Target.CATEGORY) is None
    assert not ModelVersion.objects.filter(is_active=True).exists()
    assert second.pk != first.pk


def test_a_version_kept_for_review_does_not_go_live(history):
    live = train(Target.CATEGORY)

    kept = train(Target.CATEGORY, activate=False)

    kept.refresh_from_db()
    live.refresh_from_db()
    assert (live.is_active, kept.is_active) == (True, False)


def test_an_artefact_caredesk_did_not_sign_is_never_unpickled(history):
    version = train(Target.CATEGORY)
    ModelVersion.objects.filter(pk=version.pk).update(artefact_signature="0" * 64)
    artefacts._loaded.clear()

    with pytest.raises(artefacts.ForeignArtefact):
        artefacts.load(ModelVersion.objects.get(pk=version.pk))
    assert artefacts.active_classifiers() == {}
