from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from playwright.sync_api import Page, expect

from caredesk.core import clock
from caredesk.sla.services.sweep import sweep_due_clocks
from caredesk.tickets.tests.factories import make_ticket

# Naming the apps makes the flush after the test TRUNCATE ... CASCADE, which PostgreSQL needs:
# the raw search table references tickets without being a model Django knows to truncate too.
# The flush after this test empties every table, migration-made rows included, so `make test`
# runs the browser tests in a pass of their own (see ISOLATED in the Makefile).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        available_apps=[app.name for app in apps.get_app_configs()],
    ),
]

SERIOUS = {"serious", "critical"}


def assert_accessible(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{violation['id']}: {violation['help']}"
        for violation in violations
        if violation["impact"] in SERIOUS
    ]
    assert serious == []


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("caredesk")
    page.get_by_role("button", name="Sign in").click()


def check_sla_screens(page: Page, base_url: str, customer, team) -> None:
    """The supervisor's page, the ticket's SLA panel and a refused calendar form pass axe."""
    # The live server reads the real clock, so the ticket is opened that long ago for real.
    with clock.pinned(clock.now() - timedelta(minutes=45)):
        ticket = make_ticket(customer, team=team, subject="Server down", priority=4)
    sweep_due_clocks()

    sign_in(page, base_url, "supervisor@example.com")
    page.goto(f"{base_url}/supervisor/")
    expect(page.locator("#breaches + table")).to_contain_text("overdue by 15m")
    assert_accessible(page)
    page.get_by_role("link", name=f"#{ticket.pk} Server down").click()
    sla = page.locator("#sla")
    sla.get_by_text("How this due time was worked out").first.click()
    expect(sla).to_contain_text("30m calendar-time target from policy 'Urgent'")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base_url, "admin@example.com")
    page.goto(f"{base_url}/settings/sla/calendars/new/")
    page.get_by_label("Name:", exact=True).fill("Night shift")
    page.get_by_label("Monday").fill("22:00-21:00")
    page.get_by_role("button", name="Save calendar").click()
    expect(page.get_by_role("alert")).to_contain_text("closes before it opens")
    assert_accessible(page)


def test_agent_reply_reaches_the_customer_portal(
    live_server,
    page,
    console_errors,
    agent,
    ticket,
    supervisor,
    admin_user,
    urgent_policy,
    customer,
    team,
):
    sign_in(page, live_server.url, "agent@example.com")
    expect(page.get_by_role("heading", name="My open")).to_be_visible()
    page.keyboard.press("g")
    page.keyboard.press("u")
    expect(page.get_by_role("heading", name="Unassigned in my teams")).to_be_visible()
    assert_accessible(page)

    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Help with my order")).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("r")
    page.keyboard.type("Your parcel left the warehouse today.")
    page.get_by_label("Public reply (the customer sees it)").check()
    page.get_by_role("button", name="Send").click()
    conversation = page.locator("#conversation")
    expect(conversation).to_contain_text("Your parcel left the warehouse today.")
    expect(page.locator("#ticket-header")).to_contain_text("Open")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "customer@example.com")
    expect(page.get_by_role("heading", name="Hello Cora")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Help with my order").click()
    expect(page.locator("#conversation")).to_contain_text("Your parcel left the warehouse today.")
    expect(page.locator("#request-status")).to_contain_text("We are working on it")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    check_sla_screens(page, live_server.url, customer, team)

    # The refused calendar answers 422 on purpose, and Chromium logs every 4xx document load.
    assert [error for error in console_errors if "status of 422" not in error] == []
