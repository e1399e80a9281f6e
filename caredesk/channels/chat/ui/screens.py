"""What live chat adds to the shell: the agents' chat page and its timeline sentences."""

from caredesk.channels.chat.ui import timeline
from caredesk.core.screens import Screens


def register(screens: Screens) -> None:
    screens.add_urls("caredesk.channels.chat.ui.urls")
    screens.add_sentences(timeline.SENTENCES)
