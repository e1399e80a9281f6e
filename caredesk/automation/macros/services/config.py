"""Writing macros: create, change and delete, each checked against the policy and the
placeholder whitelist before anything is stored."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.models import Team, User
from caredesk.automation.models import Macro, MacroTranslation
from caredesk.automation.placeholders import placeholders_in
from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets.choices import Priority, TicketStatus
from caredesk.tickets.tagging import normalise_tags

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
MAX_NAME = 100
MAX_BODY = 20_000


@dataclass
class MacroSpec:
    """Everything a macro holds. ``translations`` pairs a language code with the reply's body."""

    name: str
    team: Team | None = None
    is_personal: bool = False
    is_active: bool = True
    position: int = 0
    default_language: str = "en"
    translations: Sequence[tuple[str, str]] = ()
    set_status: str = ""
    set_priority: int | None = None
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    assign_to_me: bool = False
    internal_note: str = ""


def _language(code: str, *, field: str) -> str:
    code = code.strip().lower()
    if not LANGUAGE_CODE.match(code):
        raise ValidationFailed(
            f"{code!r} is not a language code such as 'en', 'es' or 'pt-br'.", field=field
        )
    return code


def _tags(names: Sequence[str], *, field: str) -> list[str]:
    try:
        return normalise_tags(names)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, field=field) from error


def _checked(spec: MacroSpec) -> MacroSpec:
    name = spec.name.strip()
    if not name:
        raise ValidationFailed("Give the macro a name.", field="name")
    if len(name) > MAX_NAME:
        raise ValidationFailed(f"The name may be at most {MAX_NAME} characters.", field="name")
    if spec.team is not None and spec.is_personal:
        raise ValidationFailed("A personal macro belongs to no team.", field="team")
    if spec.position < 0:
        raise ValidationFailed("The position cannot be negative.", field="position")
    translations: dict[str, str] = {}
    for index, (code, body) in enumerate(spec.translations):
        language = _language(code, field=f"translations.{index}.language")
        if language in translations:
            raise ValidationFailed(
                f"The reply in {language!r} is given twice.", field=f"translations.{index}.language"
            )
        if not body.strip():
            raise ValidationFailed("Write the reply.", field=f"translations.{index}.body")
        if len(body) > MAX_BODY:
            raise ValidationFailed(
                f"The reply may be at most {MAX_BODY} characters.",
                field=f"translations.{index}.body",
            )
        placeholders_in(body, field=f"translations.{index}.body")
        translations[language] = body
    placeholders_in(spec.internal_note, field="internal_note")
    if spec.set_status and spec.set_status not in TicketStatus.values:
        raise ValidationFailed(
            f"set_status must be one of {TicketStatus.values}.", field="set_status"
        )
    if spec.set_priority is not None and spec.set_priority not in Priority.values:
        raise ValidationFailed(
            f"set_priority must be one of {Priority.values}.", field="set_priority"
        )
    add, remove = (
        _tags(spec.add_tags, field="add_tags"),
        _tags(spec.remove_tags, field="remove_tags"),
    )
    both = sorted(set(add) & set(remove))
    if both:
        raise ValidationFailed(
            f"Tag {both[0]!r} cannot be both added and removed.", field="remove_tags"
        )
    does_something = (
        translations or spec.set_status or spec.set_priority or add or remove or spec.assign_to_me
    )
    if not does_something and not spec.internal_note.strip():
        raise ValidationFailed(
            "A macro needs a reply or at least one action.", field="translations"
        )
    return MacroSpec(
        name=name,
        team=spec.team,
        is_personal=spec.is_personal,
        is_active=spec.is_active,
        position=spec.position,
        default_language=_language(spec.default_language, field="default_language"),
        translations=list(translations.items()),
        set_status=spec.set_status,
        set_priority=spec.set_priority,
        add_tags=add,
        remove_tags=remove,
        assign_to_me=spec.assign_to_me,
        internal_note=spec.internal_note.strip(),
    )


def _require_manager(actor: User, macro: Macro) -> None:
    if not policy.can_manage_macro(actor, macro):
        raise PermissionDenied(
            "Admins manage global macros, a team's supervisors its team macros, and each agent "
            "their personal ones.",
            field="team",
        )


def _fill(macro: Macro, spec: MacroSpec, actor: User) -> None:
    macro.name = spec.name
    macro.team = spec.team
    macro.owner = actor if spec.is_personal else None
    macro.is_active = spec.is_active
    macro.position = spec.position
    macro.default_language = spec.default_language
    macro.set_status = spec.set_status
    macro.set_priority = spec.set_priority
    macro.add_tags = list(spec.add_tags)
    macro.remove_tags = list(spec.remove_tags)
    macro.assign_to_me = spec.assign_to_me
    macro.internal_note = spec.internal_note


def _store_translations(macro: Macro, translations: Sequence[tuple[str, str]]) -> None:
    macro.translations.exclude(language__in=[language for language, _ in translations]).delete()
    for language, body in translations:
        MacroTranslation.objects.update_or_create(
            macro=macro, language=language, defaults={"body": body}
        )


def create_macro(spec: MacroSpec, *, actor: User) -> Macro:
    """A new macro in the scope ``spec`` names (personal macros belong to ``actor``)."""
    spec = _checked(spec)
    now = clock.now()
    macro = Macro(created_by=actor, created_at=now, updated_at=now)
    _fill(macro, spec, actor)
    _require_manager(actor, macro)
    with transaction.atomic():
        macro.save()
        _store_translations(macro, spec.translations)
    return macro


def update_macro(macro: Macro, spec: MacroSpec, *, actor: User) -> Macro:
    """Replace everything ``macro`` holds; the actor must manage it both before and after (a
    supervisor cannot move their team's macro to another team or make it global)."""
    _require_manager(actor, macro)
    spec = _checked(spec)
    with transaction.atomic():
        macro = Macro.objects.select_for_update().get(pk=macro.pk)
        _fill(macro, spec, actor)
        _require_manager(actor, macro)
        macro.updated_at = clock.now()
        macro.save()
        _store_translations(macro, spec.translations)
    return macro


def delete_macro(macro: Macro, *, actor: User) -> None:
    _require_manager(actor, macro)
    with transaction.atomic():
        Macro.objects.filter(pk=macro.pk).delete()
