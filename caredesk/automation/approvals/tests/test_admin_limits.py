"""Admins' authority limits: one row per role and action; the table is saved whole."""

from decimal import Decimal

import pytest
from django.urls import reverse

from caredesk.automation.approvals.ui.authority_forms import AuthorityLimitsForm
from caredesk.automation.models import AuthorityLimit
from caredesk.core import clock

pytestmark = pytest.mark.django_db

LIMITS = reverse("web:authority_limits")
ROLES = ("agent", "supervisor", "admin")
ACTIONS = ("refund", "credit", "goodwill")


def limits_post(**rows):
    """Every input empty, currencies EUR, but the rows given as ``agent_refund=("50", "EUR")``."""
    data = {}
    for role in ROLES:
        for action in ACTIONS:
            amount, currency = rows.get(f"{role}_{action}", ("", "EUR"))
            data[f"{role}_{action}_amount"] = amount
            data[f"{role}_{action}_currency"] = currency
    return data


def stored():
    return list(AuthorityLimit.objects.values("role", "action", "max_amount", "currency"))


@pytest.fixture
def agent_refund_limit(admin_user):
    return AuthorityLimit.objects.create(
        role="agent",
        action="refund",
        max_amount=Decimal("50.00"),
        currency="GBP",
        updated_at=clock.now(),
        updated_by=admin_user,
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_only_admins_open_the_screen(client_as, role, status):
    response = client_as(role).get(LIMITS)

    assert response.status_code == status
    if status == 403:
        assert "Only admins may change these settings." in response.text


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_changes_the_limits(client_as, agent_refund_limit, role):
    client = client_as(role)
    before = stored()

    client.post(LIMITS, limits_post(agent_credit=("1000", "EUR")))

    assert stored() == before


def test_the_table_shows_every_role_and_action_with_the_stored_limits(
    client_as, agent_refund_limit
):
    response = client_as("admin").get(LIMITS)

    rows = response.context["form"].rows()
    assert [(row.role, row.action) for row in rows] == [
        (role, action)
        for role in ("Agent", "Supervisor", "Admin")
        for action in ("Refund", "Credit", "Goodwill gesture")
    ]
    assert 'name="agent_refund_amount" value="50.00"' in response.text
    assert 'name="agent_refund_currency" value="GBP"' in response.text
    # Rows without a limit offer the currency most limits use.
    assert 'name="admin_goodwill_currency" value="GBP"' in response.text
    assert 'name="admin_goodwill_amount" step="0.01" min="0" id=' in response.text
    assert '<th scope="rowgroup" rowspan="3">Supervisor</th>' in response.text
    assert "by Ada Admin" in response.text


def test_admin_saves_the_whole_table(client_as, admin_user, agent_refund_limit):
    rows = {
        "agent_credit": ("25.5", "eur"),
        "supervisor_refund": ("500", "EUR"),
        "admin_goodwill": ("0", "USD"),
    }

    response = client_as("admin").post(LIMITS, limits_post(**rows))

    assert response.status_code == 302
    assert response["Location"] == LIMITS
    assert stored() == [
        {"role": "admin", "action": "goodwill", "max_amount": Decimal("0.00"), "currency": "USD"},
        {"role": "agent", "action": "credit", "max_amount": Decimal("25.50"), "currency": "EUR"},
        {
            "role": "supervisor",
            "action": "refund",
            "max_amount": Decimal("500.00"),
            "currency": "EUR",
        },
    ]
    assert set(AuthorityLimit.objects.values_list("updated_by", flat=True)) == {admin_user.pk}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            ("-1", "EUR"),
            "Agent: Refund up to: Ensure this value is greater than or equal to 0.",
            id="negative",
        ),
        pytest.param(
            ("10.005", "EUR"),
            "Agent: Refund up to: Ensure that there are no more than 2 decimal places.",
            id="decimals",
        ),
        pytest.param(
            ("10000000000", "EUR"),
            "Agent: Refund up to: Ensure that there are no more than 10 digits before the decimal point.",
            id="too-large",
        ),
        pytest.param(("ten", "EUR"), "Agent: Refund up to: Enter a number.", id="not-a-number"),
        pytest.param(
            ("10", "E1R"),
            "Agent: Refund currency: Use a three-letter currency code such as EUR.",
            id="currency",
        ),
        pytest.param(
            ("10", ""),
            "Agent: Refund currency: Use a three-letter currency code such as EUR.",
            id="no-currency",
        ),
        pytest.param(
            ("10", "EURO"),
            "Agent: Refund currency: Ensure this value has at most 3 characters (it has 4).",
            id="long-currency",
        ),
    ],
)
def test_faults_are_shown_on_their_input_and_nothing_changes(
    client_as, agent_refund_limit, row, message
):
    before = stored()

    response = client_as("admin").post(
        LIMITS, limits_post(agent_refund=row, supervisor_refund=("100", "EUR"))
    )

    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert stored() == before


def test_an_empty_amount_ignores_its_currency(client_as):
    response = client_as("admin").post(LIMITS, limits_post(agent_refund=("", "??")))

    assert response.status_code == 302
    assert stored() == []


def test_a_service_fault_naming_a_row_lands_on_that_rows_input():
    form = AuthorityLimitsForm(
        limits_post(agent_refund=("10", "EUR"), supervisor_credit=("20", "EUR")), limits=[]
    )
    assert form.is_valid()
    form.specs()

    form.add_service_error("limits.1.currency", "limits.1.currency must be a code.")
    form.add_service_error("limits.0", "The agent limit for refund is listed twice.")
    form.add_service_error(None, "Only admins may change authority limits.")

    assert form.errors == {
        "supervisor_credit_currency": ["This must be a code."],
        "agent_refund_amount": ["The agent limit for refund is listed twice."],
        "__all__": ["Only admins may change authority limits."],
    }
