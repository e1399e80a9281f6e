"""Admins' triage model versions: figures per target, make live, roll back, train now."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from caredesk.intelligence.choices import Target
from caredesk.intelligence.models import ModelVersion
from caredesk.intelligence.services.training import train
from caredesk.intelligence.tests.history import solved_history

pytestmark = pytest.mark.django_db

MODELS = reverse("web:triage_models")


@pytest.fixture
def history(customer, settings):
    settings.CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS = 30
    return solved_history(customer, per_label=12)


@pytest.fixture
def two_versions(history):
    first = train(Target.CATEGORY)
    second = train(Target.CATEGORY, activate=True)
    return first, second


def live_ids():
    return sorted(ModelVersion.objects.filter(is_active=True).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_only_admins_open_the_model_versions(client_as, role, status):
    response = client_as(role).get(MODELS)

    assert response.status_code == status


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_activates_rolls_back_or_trains(client_as, two_versions, role):
    first, _ = two_versions
    client = client_as(role)
    before = (live_ids(), ModelVersion.objects.count())

    client.post(reverse("web:triage_model_activate", args=[first.pk]))
    client.post(reverse("web:triage_rollback", args=["category"]))
    client.post(reverse("web:triage_train", args=["category"]))

    assert (live_ids(), ModelVersion.objects.count()) == before


def test_each_target_lists_its_versions_with_their_figures(client_as, two_versions):
    first, second = two_versions

    response = client_as("admin").get(MODELS)

    groups = {row["group"].target: row["group"] for row in response.context["targets"]}
    assert list(groups) == ["category", "team", "priority"]
    assert [version.pk for version in groups["category"].versions] == [second.pk, first.pk]
    assert groups["category"].live == second
    assert (groups["team"].versions, groups["team"].can_train) == ([], False)
    assert (groups["priority"].labelled_tickets, groups["priority"].can_train) == (36, True)
    metrics = second.metrics
    assert f"<td>{metrics['accuracy']:.3f}</td>" in response.text
    assert f"<td>{metrics['macro_f1']:.3f}</td>" in response.text
    assert f"(always “{metrics['baseline_label']}”)" in response.text
    assert f"Confusion matrix of v{second.pk} (28 train / 8 test rows)" in response.text
    assert f"Live: v{second.pk}." in response.text
    assert f'action="/settings/triage/models/{first.pk}/activate/"' in response.text
    assert f'action="/settings/triage/models/{second.pk}/activate/"' not in response.text


def test_admin_makes_an_older_version_live_then_rolls_back(client_as, two_versions):
    first, second = two_versions
    client = client_as("admin")

    activated = client.post(reverse("web:triage_model_activate", args=[first.pk]))

    assert activated.status_code == 302
    assert live_ids() == [first.pk]
    assert f"Category model v{first.pk} is live now." in client.get(MODELS).text

    client.post(reverse("web:triage_rollback", args=["category"]))

    assert live_ids() == []
    assert "No category model is live now: keyword suggestions" in client.get(MODELS).text


def test_train_now_trains_in_the_background(
    client_as, history, tasks_run_inline, django_capture_on_commit_callbacks
):
    client = client_as("admin")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:triage_train", args=["category"]))

    assert response.status_code == 302
    version = ModelVersion.objects.get()
    assert (version.target, version.is_active, version.trained_on) == ("category", True, 36)
    assert "Training of the category model has started" in client.get(MODELS).text


def test_train_now_stores_a_task_for_the_worker(
    client_as, history, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as("admin").post(reverse("web:triage_train", args=["priority"]))

    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "caredesk.intelligence.tasks.train_model_task",
        ["priority"],
    )
    assert not ModelVersion.objects.exists()


def test_train_now_with_too_little_history_says_so(client_as, customer, settings):
    settings.CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS = 50
    client = client_as("admin")

    response = client.post(reverse("web:triage_train", args=["category"]), follow=True)

    assert "Not trained: 0 solved tickets have a category; 50 are needed" in response.text
    assert "disabled" in response.text
    assert not ModelVersion.objects.exists()


def test_unknown_targets_and_versions_are_not_found(client_as):
    client = client_as("admin")

    assert client.post(reverse("web:triage_train", args=["mood"])).status_code == 404
    assert client.post(reverse("web:triage_rollback", args=["mood"])).status_code == 404
    assert client.post(reverse("web:triage_model_activate", args=[999])).status_code == 404
    assert client.get(reverse("web:triage_train", args=["category"])).status_code == 405
