"""Triage in a real browser: the export's columns arrive over htmx as soon as the file is chosen,
the trial scores it, and an agent applies a suggestion from the ticket's triage panel."""

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect

from caredesk.intelligence.tests.history import synthetic_rows
from caredesk.tickets.models import Category
from caredesk.tickets.tests.factories import make_ticket
from tests.browser.test_agent_reply_reaches_portal import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        available_apps=[app.name for app in apps.get_app_configs()],
    ),
]


def export() -> bytes:
    lines = ["Subject,Body,Team"]
    lines += [f'"{subject}","{body}",{label}' for subject, body, label in synthetic_rows(10, 5)]
    return "\r\n".join(lines).encode()


def test_admin_tries_triage_and_agent_applies_a_suggestion(
    live_server, page: Page, console_errors, admin_user, agent, customer, team
):
    sign_in(page, live_server.url, "admin@example.com")
    page.goto(f"{live_server.url}/settings/triage/try/")
    page.get_by_label("Ticket history (CSV)").set_input_files(
        {"name": "history.csv", "mimeType": "text/csv", "buffer": export()}
    )
    expect(page.locator("#trial-columns")).to_contain_text("30 rows read (utf-8)")
    page.get_by_label("Subject").check()
    page.get_by_label("Body").check()
    page.get_by_label("Label column").select_option("Team")
    page.get_by_role("button", name="Train and score").click()

    result = page.locator(".trial-result")
    expect(result).to_contain_text("Majority baseline (always “billing”)")
    expect(result.locator("caption")).to_contain_text("Confusion matrix")
    assert_accessible(page)
    page.goto(f"{live_server.url}/settings/triage/models/")
    expect(page.get_by_role("heading", name="Category")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    ticket = make_ticket(
        customer, team=team, subject="Urgent: invoice", body="Please refund the double charge."
    )
    sign_in(page, live_server.url, "agent@example.com")
    page.goto(f"{live_server.url}/workspace/tickets/{ticket.pk}/")
    panel = page.locator("#triage")
    expect(panel).to_contain_text("English (en)")
    assert_accessible(page)
    panel.get_by_role("button", name="Apply category Billing").click()

    expect(panel).to_contain_text("Suggestion applied.")
    expect(panel).to_contain_text("(on the ticket)")
    expect(page.locator("#timeline")).to_contain_text("applied the triage suggestion")
    expect(page.locator("#ticket-fields select[name=category]")).to_have_value(
        str(Category.objects.get(slug="billing").pk)
    )
    assert console_errors == []
