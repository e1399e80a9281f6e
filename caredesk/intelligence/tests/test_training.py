import pytest
from django.core.management import call_command

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


def test_a_version_stores_the_weighting_cross_validation_chose_on_its_training_rows(history):
    version = train(Target.CATEGORY)

    version.refresh_from_db()
    selection = version.metrics["model_selection"]
    assert version.metrics["class_weighting"] == selection["chosen"] == "unbalanced"
    assert (selection["folds"], selection["scored_rows"]) == (3, 28)
    assert [candidate["weighting"] for candidate in selection["candidates"]] == [
        "unbalanced",
        "balanced^0.75",
        "balanced",
    ]
    assert {"balanced_linear_macro_f1", "unbalanced_linear_accuracy"} <= set(version.metrics)


def test_the_version_list_shows_the_chosen_weighting_and_its_cross_validated_figures(
    history, capsys
):
    version = train(Target.CATEGORY)
    chosen = version.metrics["model_selection"]["candidates"][0]

    call_command("intelligence", "versions", "--target", "category")

    metrics = version.metrics
    assert capsys.readouterr().out == (
        f"category: v{version.pk} (live) on 36 tickets: accuracy {metrics['accuracy']}, "
        f"macro-F1 {metrics['macro_f1']}, majority baseline {metrics['baseline_accuracy']}; "
        "class weighting unbalanced (chosen by 3-fold CV on the training rows: "
        f"accuracy {chosen['accuracy']}, macro-F1 {chosen['macro_f1']})\n"
    )


def test_a_version_trained_before_the_choice_shows_it_learnt_unweighted(history, capsys):
    version = train(Target.CATEGORY)
    metrics = {
        key: value
        for key, value in version.metrics.items()
        if key not in {"class_weighting", "model_selection"}
    }
    ModelVersion.objects.filter(pk=version.pk).update(metrics=metrics)

    call_command("intelligence", "versions")

    assert capsys.readouterr().out.endswith("; class weighting unbalanced (no cross-validation)\n")


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
