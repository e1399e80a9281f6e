"""My profile: staff change their own name, language and time zone; faults on their field."""

import pytest
from django.urls import reverse

from caredesk.accounts.models import User

pytestmark = pytest.mark.django_db

PROFILE = reverse("web:profile")
STAFF = {"agent": "agent", "supervisor": "supervisor", "admin": "admin_user"}


def profile_post(**changes):
    return {"name": "Ana Agent-Smith", "language": "de", "timezone": "Europe/Berlin", **changes}


def stored():
    return list(User.objects.values("id", "name", "language", "timezone"))


@pytest.mark.parametrize(
    ("role", "status", "location"),
    [
        ("anonymous", 302, f"{reverse('web:login')}?next={PROFILE}"),
        ("customer", 302, reverse("web:portal")),
        ("agent", 200, None),
        ("supervisor", 200, None),
        ("admin", 200, None),
    ],
)
def test_staff_open_their_profile(client_as, role, status, location):
    response = client_as(role).get(PROFILE)

    assert response.status_code == status
    assert response.get("Location") == location


@pytest.mark.parametrize("role", ["anonymous", "customer"])
def test_visitors_and_customers_change_nothing(client_as, agent, role):
    client = client_as(role)
    before = stored()

    response = client.post(PROFILE, profile_post())

    assert response.status_code == 302
    assert stored() == before


def test_the_form_shows_the_current_values_and_the_zone_list(client_as, agent):
    agent.timezone = "Asia/Tokyo"
    agent.save()

    response = client_as("agent").get(PROFILE)

    assert 'name="name" value="Ana Agent"' in response.text
    assert '<option value="en" selected>English</option>' in response.text
    assert 'value="Asia/Tokyo"' in response.text
    assert 'list="id_timezone_zones"' in response.text
    assert '<datalist id="id_timezone_zones"><option value="UTC">' in response.text
    assert '<option value="Pacific/Auckland">' in response.text
    assert f'<a href="{PROFILE}" aria-current="page">My profile</a>' in response.text


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_save_their_own_profile(request, client_as, role):
    user = request.getfixturevalue(STAFF[role])
    client = client_as(role)

    response = client.post(PROFILE, profile_post())

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    user.refresh_from_db()
    assert (user.name, user.language, user.timezone) == (
        "Ana Agent-Smith",
        "de",
        "Europe/Berlin",
    )
    assert "Profile saved." in client.get(PROFILE).text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"timezone": "Mars/Olympus"},
            "Time zone: Unknown time zone &#x27;Mars/Olympus&#x27;; use a name such as "
            "Europe/Berlin.",
            id="unknown-zone",
        ),
        pytest.param(
            {"timezone": "localtime"},
            "Time zone: Unknown time zone &#x27;localtime&#x27;",
            id="not-a-place",
        ),
        pytest.param(
            {"language": "xx"},
            "Language: Select a valid choice. xx is not one of the available choices.",
            id="language",
        ),
        pytest.param({"name": ""}, "Name: This field is required.", id="no-name"),
        pytest.param(
            {"name": "   "},
            "Name: This field is required.",
            id="blank-name",
        ),
        pytest.param({"timezone": ""}, "Time zone: This field is required.", id="no-zone"),
    ],
)
def test_faults_are_shown_on_their_field_and_nothing_changes(client_as, agent, changes, message):
    before = stored()

    response = client_as("agent").post(PROFILE, profile_post(**changes))

    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert stored() == before


def test_someone_elses_id_in_the_post_changes_only_oneself(client_as, agent, supervisor):
    client_as("agent").post(PROFILE, {**profile_post(), "id": supervisor.pk, "user": supervisor.pk})

    supervisor.refresh_from_db()
    agent.refresh_from_db()
    assert (supervisor.name, supervisor.timezone) == ("Sam Supervisor", "UTC")
    assert agent.name == "Ana Agent-Smith"
