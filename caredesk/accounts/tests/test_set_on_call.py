"""set_on_call: admins choose who takes a team's escalations, among its supervisors and admins."""

import pytest

from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team
from caredesk.accounts.services.users import set_on_call
from caredesk.accounts.tests.factories import UserFactory
from caredesk.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def on_call_of(team):
    return Team.objects.get(pk=team.pk).on_call


def test_admin_sets_and_clears_the_on_call_supervisor(admin_user, team, supervisor):
    set_on_call(team, actor=admin_user, user=supervisor)
    assert on_call_of(team) == supervisor

    set_on_call(team, actor=admin_user, user=None)

    assert on_call_of(team) is None


def test_an_admin_of_the_team_may_be_on_call(admin_user, team):
    admin_user.teams.add(team)

    updated = set_on_call(team, actor=admin_user, user=admin_user)

    assert updated.on_call == admin_user
    assert on_call_of(team) == admin_user


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer_user"])
def test_only_admins_set_the_on_call(request, role, team, supervisor):
    actor = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        set_on_call(team, actor=actor, user=supervisor)

    assert on_call_of(team) is None


@pytest.mark.parametrize(
    "candidate", ["agent", "admin_user", "other_supervisor", "former_supervisor", "customer_user"]
)
def test_only_active_supervisors_and_admins_of_the_team_qualify(
    request, admin_user, team, supervisor, other_team, candidate
):
    people = {
        "other_supervisor": lambda: UserFactory(role=Role.SUPERVISOR, teams=[other_team]),
        "former_supervisor": lambda: UserFactory(
            role=Role.SUPERVISOR, teams=[team], is_active=False
        ),
    }
    user = people[candidate]() if candidate in people else request.getfixturevalue(candidate)
    set_on_call(team, actor=admin_user, user=supervisor)

    with pytest.raises(ValidationFailed) as raised:
        set_on_call(team, actor=admin_user, user=user)

    assert raised.value.field == "user"
    assert raised.value.message == (f"{user.name} is not an active supervisor or admin of Support.")
    assert on_call_of(team) == supervisor
