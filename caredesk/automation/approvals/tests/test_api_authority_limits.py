import pytest

from caredesk.automation.models import AuthorityLimit

TABLE = {
    "limits": [
        {"role": "agent", "action": "refund", "max_amount": "100.00", "currency": "EUR"},
        {"role": "supervisor", "action": "refund", "max_amount": 1000, "currency": "EUR"},
    ]
}


def stored():
    return sorted(
        AuthorityLimit.objects.values_list("role", "action", "max_amount", "currency"),
    )


def test_an_admin_replaces_the_whole_table(as_user, limits, admin_user):
    response = as_user(admin_user, "put", "/api/v1/authority-limits", TABLE)

    assert response.status_code == 200
    assert [(row["role"], row["action"], row["max_amount"]) for row in response.json()] == [
        ("agent", "refund", "100.00"),
        ("supervisor", "refund", "1000.00"),
    ]
    # The agents' credit limit was left out: agents now ask for every credit.
    assert [(role, action, str(amount)) for role, action, amount, _ in stored()] == [
        ("agent", "refund", "100.00"),
        ("supervisor", "refund", "1000.00"),
    ]


@pytest.mark.parametrize("who", ["supervisor", "agent"])
def test_only_admins_change_limits(request, as_user, limits, who):
    before = stored()

    response = as_user(request.getfixturevalue(who), "put", "/api/v1/authority-limits", TABLE)

    assert response.status_code == 403
    assert stored() == before


@pytest.mark.parametrize("who", ["admin_user", "supervisor", "agent"])
def test_staff_read_the_limits(request, as_user, limits, who):
    response = as_user(request.getfixturevalue(who), "get", "/api/v1/authority-limits")

    assert response.status_code == 200
    assert [
        (row["role"], row["action"], row["max_amount"], row["currency"]) for row in response.json()
    ] == [
        ("agent", "credit", "50.00", "EUR"),
        ("agent", "refund", "100.00", "EUR"),
        ("supervisor", "refund", "500.00", "EUR"),
    ]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"role": "customer"}, "limits.0.role"),
        ({"action": "bribe"}, "limits.0.action"),
        ({"max_amount": -1}, "limits.0.max_amount"),
        ({"max_amount": "1.001"}, "limits.0.max_amount"),
        ({"currency": "Euro"}, "limits.0.currency"),
        ({"colour": "red"}, "limits.0.colour"),
    ],
)
def test_bad_limits_are_refused_naming_the_field(as_user, limits, admin_user, row, field):
    before = stored()
    body = {"limits": [{**TABLE["limits"][0], **row}]}

    response = as_user(admin_user, "put", "/api/v1/authority-limits", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert stored() == before


def test_a_role_and_action_listed_twice_is_refused(as_user, limits, admin_user):
    before = stored()
    body = {"limits": [TABLE["limits"][0], {**TABLE["limits"][0], "max_amount": "5.00"}]}

    response = as_user(admin_user, "put", "/api/v1/authority-limits", body)

    assert response.status_code == 422
    assert response.json()["field"] == "limits.1"
    assert stored() == before


def test_a_zero_limit_is_allowed(as_user, admin_user):
    body = {"limits": [{**TABLE["limits"][0], "max_amount": 0}]}

    response = as_user(admin_user, "put", "/api/v1/authority-limits", body)

    assert response.status_code == 200
    assert [str(row[2]) for row in stored()] == ["0.00"]
