"""Routing in a real browser: the header's availability toggle saves through htmx without a
reload, and the supervisor's routing screen and an agent's routing profile pass axe."""

import pytest
from django.apps import apps
from playwright.sync_api import expect

from caredesk.accounts.models import AgentProfile
from tests.browser.test_agent_reply_reaches_portal import assert_accessible, sign_in

# See test_agent_reply_reaches_portal.py: the flush after the test must cascade on PostgreSQL.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        available_apps=[app.name for app in apps.get_app_configs()],
    ),
]


def test_availability_toggle_and_routing_screens(
    live_server, page, console_errors, agent, supervisor, team
):
    sign_in(page, live_server.url, "agent@example.com")
    expect(page.get_by_role("heading", name="My open")).to_be_visible()
    toggle = page.locator("#header-availability")
    expect(toggle).to_have_value("offline")

    toggle.select_option("online")

    expect(page.locator("#header-availability[data-availability='online']")).to_be_visible()
    assert AgentProfile.objects.get(pk=agent.pk).availability == "online"
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "supervisor@example.com")
    page.get_by_role("link", name="Routing", exact=True).click()
    workload = page.locator("table.workload")
    expect(workload).to_contain_text("Ana Agent")
    expect(workload).to_contain_text("0 / 8")
    assert_accessible(page)
    page.get_by_label("Routing").select_option("round_robin")
    page.get_by_role("button", name="Save routing of Support").click()
    expect(page.get_by_role("status")).to_contain_text("Routing of Support saved.")

    page.get_by_role("link", name="Edit Ana Agent").click()
    page.get_by_label("Skills").fill("billing, widget pro")
    page.get_by_label("Weekly shifts").fill("Mon 25:00-26:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("has a time that does not exist")
    assert_accessible(page)

    assert [error for error in console_errors if "status of 422" not in error] == []
