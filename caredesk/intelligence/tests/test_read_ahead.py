"""The text of a new ticket is read before its write transaction, so the analysis inside it (and
SQLite's one write lock) does not wait for lingua, VADER and the classifiers."""

import secrets

from django.db import connection
from django.test.utils import CaptureQueriesContext

from caredesk.intelligence.language import _detect
from caredesk.intelligence.models import Insight
from caredesk.intelligence.sentiment import tone_of
from caredesk.intelligence.services import classification
from caredesk.intelligence.services.classification import classify_ticket, predict_ahead
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.open_ticket import open_ticket


def _fresh_text() -> str:
    # Unique per run, so no earlier test warmed the caches with it.
    return f"My parcel {secrets.token_hex(4)} never arrived and I am quite upset about it."


def test_each_text_is_analysed_once_although_it_is_read_twice(customer):
    body = _fresh_text()
    detections, tones = _detect.cache_info(), tone_of.cache_info()

    ticket = open_ticket(
        requester=customer, actor=Actor.of_customer(customer), subject="Parcel", body=body
    )

    insight = Insight.objects.get(ticket=ticket)
    assert insight.language == "en"
    assert insight.sentiment == round(tone_of(body), 4)
    assert _detect.cache_info().misses == detections.misses + 1
    assert _detect.cache_info().hits >= detections.hits + 1
    assert tone_of.cache_info().misses == tones.misses + 1
    assert tone_of.cache_info().hits >= tones.hits + 1


def test_system_openings_read_nothing_ahead(customer):
    detections = _detect.cache_info()

    open_ticket(requester=customer, actor=Actor.system(), subject="Imported", body=_fresh_text())

    assert _detect.cache_info().misses == detections.misses


def test_the_guesses_made_ahead_are_not_queried_again(customer):
    with CaptureQueriesContext(connection) as captured:
        ticket = open_ticket(
            requester=customer,
            actor=Actor.of_customer(customer),
            subject="Bill",
            body=f"Invoice {secrets.token_hex(4)} charged me twice for one subscription.",
        )

    model_reads = [q for q in captured if 'FROM "intelligence_modelversion"' in q["sql"]]
    assert len(model_reads) == 1
    # The guesses handed over are the ones stored.
    assert Insight.objects.get(ticket=ticket).predictions["category"]["label"] == "billing"


def test_guesses_made_ahead_for_another_text_are_not_used(customer):
    predict_ahead("I was charged twice on my invoice")

    ticket = open_ticket(
        requester=customer,
        actor=Actor.system(),  # reads nothing ahead, so the other text's guesses are still kept
        subject="Crash",
        body="The app shows an error and crashes at login",
    )
    _, predictions = classify_ticket(ticket, text="The app shows an error and crashes at login")

    assert predictions["category"]["label"] == "technical"


def test_guesses_made_ahead_expire(customer, monkeypatch):
    monkeypatch.setattr(classification, "READ_AHEAD_SECONDS", 0.0)
    text = "Invoice charged me twice for one subscription."
    predict_ahead(text)

    with CaptureQueriesContext(connection) as captured:
        classification._predict_once(text)

    assert any('FROM "intelligence_modelversion"' in q["sql"] for q in captured)
