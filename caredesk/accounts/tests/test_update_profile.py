"""update_profile: a person's own name, language and time zone, checked before anything is set."""

import pytest

from caredesk.accounts.models import User
from caredesk.accounts.services.users import time_zone_names, update_profile
from caredesk.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def stored(user):
    return User.objects.filter(pk=user.pk).values("name", "language", "timezone").get()


def test_changes_every_given_value(agent):
    update_profile(agent, name="  Ana   Agent-Smith ", language="de", timezone="Europe/Berlin")

    assert stored(agent) == {
        "name": "Ana Agent-Smith",
        "language": "de",
        "timezone": "Europe/Berlin",
    }


def test_values_not_given_are_kept(agent):
    update_profile(agent, timezone="America/New_York")

    assert stored(agent) == {"name": "Ana Agent", "language": "en", "timezone": "America/New_York"}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"name": "   "}, "name", "A name is needed", id="blank-name"),
        pytest.param({"name": "x" * 201}, "name", "at most 200 characters", id="long-name"),
        pytest.param({"language": "xx"}, "language", "Unknown language 'xx'", id="language"),
        pytest.param({"timezone": "Mars/Olympus"}, "timezone", "Mars/Olympus", id="zone"),
        pytest.param({"timezone": "../../etc/passwd"}, "timezone", "Unknown time", id="path"),
        pytest.param({"timezone": "localtime"}, "timezone", "Unknown time", id="not-a-place"),
        pytest.param({"timezone": ""}, "timezone", "Unknown time", id="empty-zone"),
    ],
)
def test_faults_name_their_field_and_change_nothing(agent, changes, field, message):
    values = {"name": "New Name", "language": "fr", "timezone": "Europe/Paris", **changes}

    with pytest.raises(ValidationFailed) as raised:
        update_profile(agent, **values)

    assert raised.value.field == field
    assert message in raised.value.message
    assert stored(agent) == {"name": "Ana Agent", "language": "en", "timezone": "UTC"}
    assert (agent.name, agent.language, agent.timezone) == ("Ana Agent", "en", "UTC")


def test_time_zone_names_are_places_sorted():
    names = time_zone_names()

    assert list(names) == sorted(names)
    assert {"UTC", "Europe/Berlin", "Asia/Kolkata"} <= set(names)
    assert not {"localtime", "Factory", "posixrules"} & set(names)
