"""The screens' registry: what each app adds to the shell's pages, filled once at startup.

Apps describe their entries in their own ``ui/`` modules and ``caredesk/screens.py`` registers
them, one line per app, when the project starts. The shell (``caredesk.web``) reads the registry
to draw the ticket page's panels, the timeline's sentences and the settings and supervision
menus, and includes each app's ``ui/urls.py``. The types live here, below every app, so that no
app imports the shell.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Entry = TypeVar("Entry", "TicketPanel", "MenuEntry")

# Who may see an entry, asked with the signed-in user.
Viewer = Callable[[Any], bool]


@dataclass(frozen=True)
class TicketPanel:
    """A panel beside the ticket's conversation. The page draws ``render``'s HTML at first; after
    that the panel reloads itself from ``url_name`` (reversed with the ticket's id)."""

    name: str
    order: int
    url_name: str
    render: Callable[[HttpRequest, Any], str]  # (request, ticket) -> the panel's HTML
    visible_to: Viewer


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    order: int
    visible_to: Viewer
    # The entry's other pages (its forms), which also mark it as the one shown.
    also_current_on: frozenset[str] = frozenset()

    def is_current(self, url_name: str | None) -> bool:
        return url_name == self.url_name or url_name in self.also_current_on


@dataclass(frozen=True)
class Reading:
    """One timeline event as its sentence sees it."""

    event: Any  # the TicketEvent
    actor: str  # who did it, as this reader may be told
    data: dict[str, Any]
    for_customer: bool
    zone: tzinfo  # the reader's zone, for the times inside the sentence


# A timeline event told in plain words, for the agent or (for public events) the customer.
Sentence = Callable[[Reading], str]


def _put(entries: dict[str, Any], key: str, value: Any, what: str) -> None:
    if entries.get(key, value) != value:
        raise ImproperlyConfigured(f"Two {what} are registered as {key!r}.")
    entries[key] = value


class Screens:
    def __init__(self) -> None:
        self._panels: dict[str, TicketPanel] = {}
        self._sentences: dict[str, Sentence] = {}
        self._settings: dict[str, MenuEntry] = {}
        self._supervision: dict[str, MenuEntry] = {}
        self._urls: dict[str, str] = {}

    def add_urls(self, module: str) -> None:
        """An app's ``ui/urls.py``, included under the ``web`` namespace."""
        _put(self._urls, module, module, "URL modules")

    def add_panels(self, *panels: TicketPanel) -> None:
        for panel in panels:
            _put(self._panels, panel.name, panel, "ticket panels")

    def add_sentences(self, sentences: Mapping[str, Sentence]) -> None:
        for kind, sentence in sentences.items():
            _put(self._sentences, kind, sentence, "sentences")

    def add_settings(self, *entries: MenuEntry) -> None:
        for entry in entries:
            _put(self._settings, entry.url_name, entry, "settings entries")

    def add_supervision(self, *entries: MenuEntry) -> None:
        for entry in entries:
            _put(self._supervision, entry.url_name, entry, "supervision entries")

    def url_modules(self) -> list[str]:
        return list(self._urls)

    def panels_for(self, user: Any) -> list[TicketPanel]:
        return _visible(self._panels.values(), user)

    def sentence(self, kind: str) -> Sentence | None:
        return self._sentences.get(kind)

    def tell(self, event: Any, *, for_customer: bool = False, zone: tzinfo = UTC) -> str:
        """A timeline event (a ``TicketEvent``) in the words its app registered for it."""
        data = event.data or {}
        actor = event.actor_name or "caredesk"
        if for_customer and data.get("rule"):
            actor = "caredesk"  # rule names are the team's internal business
        sentence = self._sentences.get(event.kind)
        if sentence is None:
            # A kind no installed app tells any more (rows older than the code): its words.
            return f"{actor}: {event.kind.replace('.', ' ').replace('_', ' ')}"
        return sentence(
            Reading(event=event, actor=actor, data=data, for_customer=for_customer, zone=zone)
        )

    def event_kinds(self) -> frozenset[str]:
        return frozenset(self._sentences)

    def settings_for(self, user: Any) -> list[MenuEntry]:
        return _visible(self._settings.values(), user)

    def supervision_for(self, user: Any) -> list[MenuEntry]:
        return _visible(self._supervision.values(), user)

    def settings_pages(self) -> frozenset[str]:
        """Every settings page's URL name, for marking the main menu's "Settings" as current."""
        return frozenset(
            name
            for entry in self._settings.values()
            for name in (entry.url_name, *entry.also_current_on)
        )


def _visible(entries: Iterable[Entry], user: Any) -> list[Entry]:
    return sorted(
        (entry for entry in entries if entry.visible_to(user)), key=lambda entry: entry.order
    )


screens = Screens()
