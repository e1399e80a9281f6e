import pytest

from caredesk.automation.macros.selectors import macros_visible_to
from caredesk.automation.macros.services.config import (
    MacroSpec,
    create_macro,
    delete_macro,
    update_macro,
)
from caredesk.automation.models import Macro, MacroTranslation
from caredesk.core.errors import PermissionDenied, ValidationFailed


def stored():
    return sorted(
        (macro.name, macro.team_id, macro.owner_id, macro.set_status)
        for macro in Macro.objects.all()
    ) + sorted(MacroTranslation.objects.values_list("language", "body"))


@pytest.mark.parametrize(
    ("who", "scope", "allowed"),
    [
        ("admin_user", "global", True),
        ("admin_user", "team", True),
        ("admin_user", "other_team", True),
        ("supervisor", "global", False),
        ("supervisor", "team", True),
        ("supervisor", "other_team", False),
        ("agent", "global", False),
        ("agent", "team", False),
        ("agent", "personal", True),
        ("supervisor", "personal", True),
    ],
)
def test_who_creates_which_macro(request, team, other_team, who, scope, allowed):
    actor = request.getfixturevalue(who)
    spec = MacroSpec(
        name="Hello",
        team={"team": team, "other_team": other_team}.get(scope),
        is_personal=scope == "personal",
        translations=[("en", "Hi {{customer.preferred_name}}")],
    )

    if allowed:
        macro = create_macro(spec, actor=actor)
        assert macro.scope == ("team" if "team" in scope else scope)
        assert macro.owner == (actor if scope == "personal" else None)
        assert list(macro.translations.values_list("language", "body")) == [
            ("en", "Hi {{customer.preferred_name}}")
        ]
    else:
        with pytest.raises(PermissionDenied) as error:
            create_macro(spec, actor=actor)
        assert error.value.field == "team"
        assert stored() == []


@pytest.mark.parametrize("who", ["customer_user", "other_agent", "agent", "admin_user"])
def test_only_the_owner_edits_a_personal_macro(request, supervisor, who):
    macro = create_macro(
        MacroSpec(name="Mine", is_personal=True, translations=[("en", "Hi")]), actor=supervisor
    )
    before = stored()

    with pytest.raises(PermissionDenied):
        update_macro(
            macro, MacroSpec(name="Taken", is_personal=True), actor=request.getfixturevalue(who)
        )
    with pytest.raises(PermissionDenied):
        delete_macro(macro, actor=request.getfixturevalue(who))

    assert stored() == before


def test_a_supervisor_cannot_move_a_team_macro_out_of_their_team(supervisor, team, other_team):
    macro = create_macro(MacroSpec(name="Ours", team=team, set_status="open"), actor=supervisor)
    before = stored()

    with pytest.raises(PermissionDenied):
        update_macro(
            macro, MacroSpec(name="Ours", team=other_team, set_status="open"), actor=supervisor
        )
    with pytest.raises(PermissionDenied):
        update_macro(macro, MacroSpec(name="Ours", set_status="open"), actor=supervisor)

    assert stored() == before


def test_update_replaces_translations_and_actions(supervisor, team):
    macro = create_macro(
        MacroSpec(name="Info", team=team, translations=[("en", "A"), ("de", "B")], add_tags=["x"]),
        actor=supervisor,
    )

    update_macro(
        macro,
        MacroSpec(name="More info", team=team, translations=[("en", "C"), ("es", "D")]),
        actor=supervisor,
    )

    macro.refresh_from_db()
    assert (macro.name, macro.add_tags) == ("More info", [])
    assert list(macro.translations.values_list("language", "body")) == [("en", "C"), ("es", "D")]


def test_delete_removes_the_macro_and_its_translations(admin_user):
    macro = create_macro(MacroSpec(name="Bye", translations=[("en", "Bye")]), actor=admin_user)

    delete_macro(macro, actor=admin_user)

    assert stored() == []


@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        (MacroSpec(name=" "), "name", "Give the macro a name."),
        (MacroSpec(name="x" * 101, set_status="open"), "name", None),
        (MacroSpec(name="Empty"), "translations", "A macro needs a reply or at least one action."),
        (
            MacroSpec(name="Bad", translations=[("en", "Hi {{customer.nickname}}")]),
            "translations.0.body",
            None,
        ),
        (
            MacroSpec(name="Bad", translations=[("en", "ok"), ("xx_1", "Hi")]),
            "translations.1.language",
            None,
        ),
        (
            MacroSpec(name="Bad", translations=[("en", " ")]),
            "translations.0.body",
            "Write the reply.",
        ),
        (MacroSpec(name="Bad", internal_note="{{ticket.secret}}"), "internal_note", None),
        (MacroSpec(name="Bad", set_status="gone"), "set_status", None),
        (MacroSpec(name="Bad", set_priority=9), "set_priority", None),
        (MacroSpec(name="Bad", add_tags=["a b!"]), "add_tags", None),
        (MacroSpec(name="Bad", add_tags=["a"], remove_tags=["a"]), "remove_tags", None),
        (
            MacroSpec(name="Bad", set_status="open", default_language="English"),
            "default_language",
            None,
        ),
        (MacroSpec(name="Bad", set_status="open", position=-1), "position", None),
    ],
)
def test_bad_macros_are_refused_naming_the_field(admin_user, spec, field, message):
    with pytest.raises(ValidationFailed) as error:
        create_macro(spec, actor=admin_user)

    assert error.value.field == field
    if message:
        assert error.value.message == message
    assert stored() == []


def test_unknown_placeholder_error_names_it(admin_user):
    with pytest.raises(ValidationFailed) as error:
        create_macro(
            MacroSpec(name="Bad", translations=[("en", "Hi {{customer.nickname}}")]),
            actor=admin_user,
        )

    assert error.value.message.startswith("Unknown placeholder {{customer.nickname}};")


def test_who_sees_which_macro(
    admin_user, supervisor, agent, other_agent, customer_user, team, other_team
):
    create_macro(MacroSpec(name="Global", set_status="open"), actor=admin_user)
    create_macro(MacroSpec(name="Support", team=team, set_status="open"), actor=admin_user)
    create_macro(MacroSpec(name="Billing", team=other_team, set_status="open"), actor=admin_user)
    create_macro(MacroSpec(name="Ana's", is_personal=True, set_status="open"), actor=agent)

    def names(user):
        return sorted(macros_visible_to(user).values_list("name", flat=True))

    assert names(admin_user) == ["Billing", "Global", "Support"]
    assert names(supervisor) == ["Global", "Support"]
    assert names(agent) == ["Ana's", "Global", "Support"]
    assert names(other_agent) == ["Billing", "Global"]
    assert names(customer_user) == []
