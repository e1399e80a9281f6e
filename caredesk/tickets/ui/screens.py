"""What tickets adds to the shell: the customer panel and its timeline sentences."""

from caredesk.core.screens import Screens
from caredesk.tickets.ui import customer_panel, timeline


def register(screens: Screens) -> None:
    screens.add_urls("caredesk.tickets.ui.urls")
    screens.add_panels(customer_panel.PANEL)
    screens.add_sentences(timeline.SENTENCES)
