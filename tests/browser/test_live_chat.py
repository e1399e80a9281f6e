"""Live chat in a real browser: the widget on the demo page reaches an agent's Chats page and the
reply comes back, through a real `caredesk serve` (uvicorn) on a database of its own.

pytest-django's live server speaks only HTTP, so this test serves caredesk the way users do; it
never touches the test database and needs no flush.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from caredesk.channels.chat.tests.live_server import scenario, serving
from tests.worker.conftest import migrated_sqlite, sqlite_database  # noqa: F401

pytestmark = pytest.mark.browser

FIRST_TICKET_MS = 60_000


def collect_errors(page: Page) -> list[str]:
    """Console errors, such as Content-Security-Policy refusals; a clean page logs none."""
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_chat_in_the_browser_reaches_an_agent_and_back(browser: Browser, request):
    database = request.getfixturevalue("sqlite_database")
    seeded = scenario("seed", database=database)
    with serving(database) as base:
        agent_context = browser.new_context()
        agent_context.add_cookies([{"name": "sessionid", "value": seeded["cookie"], "url": base}])
        agent = agent_context.new_page()
        agent_errors = collect_errors(agent)
        agent.goto(f"{base}/workspace/chats/")
        expect(agent.locator("[data-chats-connection]")).to_have_text("Connected")

        visitor = browser.new_context().new_page()
        visitor_errors = collect_errors(visitor)
        visitor.goto(f"{base}/chat/demo/")
        visitor.get_by_role("button", name="Chat with us").click()
        visitor.get_by_label("Your name").fill("Vera Visitor")
        visitor.get_by_label("Email").fill("vera@example.com")
        visitor.get_by_label("How can we help?").fill("Where is my parcel?")
        visitor.get_by_role("button", name="Start chat").click()
        # The server's first ticket loads its language model, which takes seconds.
        expect(visitor.locator(".caredesk-chat-log")).to_contain_text(
            "Hello Vera, an agent will be with you in a moment.", timeout=FIRST_TICKET_MS
        )

        waiting = agent.locator("[data-chats-waiting] tr", has_text="Where is my parcel?")
        expect(waiting).to_contain_text("Support")
        waiting.get_by_role("button", name="Accept").click()
        conversation = agent.locator(".chat-conversation")
        expect(conversation).to_contain_text("Where is my parcel?")
        expect(visitor.locator(".caredesk-chat-status")).to_have_text(
            "You are chatting with Ana Agent."
        )

        visitor.get_by_label("Message").fill("It is order 1042.")
        visitor.get_by_role("button", name="Send").click()
        expect(conversation.locator("[data-chat-log]")).to_contain_text("It is order 1042.")
        conversation.get_by_label("Reply").fill("Found it: it arrives tomorrow.")
        conversation.get_by_role("button", name="Send").click()
        expect(visitor.locator(".caredesk-chat-log")).to_contain_text(
            "Found it: it arrives tomorrow."
        )

        assert agent_errors == []
        assert visitor_errors == []
