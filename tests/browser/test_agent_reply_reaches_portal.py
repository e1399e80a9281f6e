import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from playwright.sync_api import Page, expect

# Naming the apps makes the flush after the test TRUNCATE ... CASCADE, which PostgreSQL needs:
# the raw search table references tickets without being a model Django knows to truncate too.
# The serialized rollback puts back what migrations created (default categories), which the
# flush would otherwise take from every later test on this worker.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        serialized_rollback=True,
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


def test_agent_reply_reaches_the_customer_portal(live_server, page, console_errors, agent, ticket):
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

    assert console_errors == []
