"""What the voice channel adds to the shell: its timeline sentences."""

from caredesk.channels.voice.ui import timeline
from caredesk.core.screens import Screens


def register(screens: Screens) -> None:
    screens.add_sentences(timeline.SENTENCES)
