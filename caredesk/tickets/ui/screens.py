"""What tickets adds to the shell: its timeline sentences."""

from caredesk.core.screens import Screens
from caredesk.tickets.ui import timeline


def register(screens: Screens) -> None:
    screens.add_sentences(timeline.SENTENCES)
