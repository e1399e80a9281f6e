import pytest

from caredesk.intelligence.choices import Target
from caredesk.intelligence.models import Insight
from caredesk.intelligence.services.training import train
from caredesk.intelligence.tests.history import solved_history
from caredesk.tickets.models import Category
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def category_model(customer, settings):
    settings.CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS = 30
    solved_history(customer, per_label=12)
    return train(Target.CATEGORY)


def _insight(ticket):
    return Insight.objects.get(ticket=ticket)


def test_a_confident_prediction_is_applied_with_its_reason_on_the_timeline(
    category_model, customer
):
    ticket = make_ticket(customer, subject="Refund", body="I was charged twice for my invoice.")

    ticket.refresh_from_db()
    assert ticket.category == Category.objects.get(slug="billing")
    prediction = _insight(ticket).predictions["category"]
    assert prediction["decision"] == "applied"
    assert prediction["model_version"] == category_model.pk
    event = ticket.events.get(kind="intelligence.classified")
    assert event.actor_kind == "system"
    assert event.data == {
        "category": {
            "to": "billing",
            "confidence": prediction["confidence"],
            "source": "model",
            "model_version": category_model.pk,
            "threshold": 0.6,
        }
    }
    assert ticket.events.filter(kind="field.changed", data__field="category").count() == 1


def test_below_the_threshold_it_is_only_suggested(category_model, customer, settings):
    settings.CAREDESK_INTELLIGENCE_APPLY_THRESHOLDS = {"category": 0.999}

    ticket = make_ticket(customer, subject="Refund", body="I was charged twice for my invoice.")

    ticket.refresh_from_db()
    assert ticket.category is None
    prediction = _insight(ticket).predictions["category"]
    assert (prediction["label"], prediction["decision"]) == ("billing", "suggested")
    assert not ticket.events.filter(kind="intelligence.classified").exists()


def test_a_category_chosen_by_a_person_is_kept(category_model, customer):
    ticket = make_ticket(
        customer,
        subject="Refund",
        body="I was charged twice for my invoice.",
        category=Category.objects.get(slug="technical"),
    )

    ticket.refresh_from_db()
    assert ticket.category.slug == "technical"
    assert _insight(ticket).predictions["category"]["decision"] == "kept"


def test_cold_start_keywords_suggest_a_category_and_a_priority(customer):
    ticket = make_ticket(
        customer, subject="Urgent: invoice", body="Please refund the double charge immediately."
    )

    ticket.refresh_from_db()
    assert (ticket.category, ticket.priority_name) == (None, "normal")
    predictions = _insight(ticket).predictions
    assert predictions["category"] == {
        "label": "billing",
        "confidence": 0.75,
        "source": "keywords",
        "model_version": None,
        "decision": "suggested",
    }
    assert (predictions["priority"]["label"], predictions["priority"]["source"]) == (
        "high",
        "keywords",
    )
    assert "team" not in predictions
