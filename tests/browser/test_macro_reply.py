import pytest
from django.apps import apps
from playwright.sync_api import expect

from caredesk.automation.macros.services.config import MacroSpec, create_macro
from tests.browser.test_agent_reply_reaches_portal import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True,
        available_apps=[app.name for app in apps.get_app_configs()],
    ),
]


def test_agent_fills_the_reply_from_a_macro_edits_it_and_sends(
    live_server, page, console_errors, agent, admin_user, ticket, team
):
    macro = create_macro(
        MacroSpec(
            name="Need more information",
            team=team,
            translations=[("en", "Hi {{customer.preferred_name}}, could you send a photo?")],
            set_status="pending",
            add_tags=["needs-info"],
        ),
        actor=admin_user,
    )
    sign_in(page, live_server.url, "agent@example.com")
    page.goto(f"{live_server.url}/workspace/tickets/{ticket.pk}/")

    page.get_by_label("Message:").fill("draft to be replaced")
    picker = page.get_by_label("Macro:")
    picker.focus()
    picker.select_option(str(macro.pk))
    message = page.get_by_label("Message:")
    expect(message).to_have_value("Hi Cora, could you send a photo?")
    expect(page.get_by_role("status").filter(has_text="Sending also will")).to_contain_text(
        "Set status to Pending"
    )
    expect(page.get_by_label("Macro:")).to_be_focused()
    assert_accessible(page)

    message.fill("Hi Cora, could you send a photo of the label?")
    page.get_by_role("button", name="Send").click()

    expect(page.locator("#conversation")).to_contain_text("a photo of the label?")
    expect(page.locator("#ticket-header")).to_contain_text("Pending")
    expect(page.get_by_label("Message:")).to_have_value("")
    assert console_errors == []
