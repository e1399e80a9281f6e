"""The shell draws what the apps registered: the ticket page's panels, and the settings menu."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_ticket_page_draws_each_registered_panel_with_its_reload_url(agent_client, ticket):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    slots = re.findall(
        r'<div id="panel-(\w+)" class="panel-slot" data-reload-url="([^"]+)">', response.text
    )
    assert slots == [
        ("sla", f"/workspace/tickets/{ticket.pk}/sla/"),
        ("triage", f"/workspace/tickets/{ticket.pk}/triage/"),
        ("customer", f"/workspace/tickets/{ticket.pk}/customer/"),
    ]
    assert '<section id="sla" class="sla-panel"' in response.text
    assert f'data-reload-url="/workspace/tickets/{ticket.pk}/frame/"' in response.text


def test_each_panel_answers_its_own_fragment(agent_client, ticket):
    customer = agent_client.get(reverse("web:ticket_customer_panel", args=[ticket.pk]))
    triage = agent_client.get(reverse("web:ticket_triage_panel", args=[ticket.pk]))

    assert customer.status_code == triage.status_code == 200
    assert ticket.requester.name in customer.text
    assert "<html" not in customer.text
    assert triage.text.startswith('<section id="triage" class="triage-panel"')


def test_the_settings_menu_lists_the_registered_entries_in_order(client_as):
    response = client_as("admin").get(reverse("web:escalation_rules"))

    nav = response.text.split('<nav class="settings-nav"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a>", nav) == [
        "Service levels",
        "Escalation rules",
        "Rules",
        "Teams and on-call",
        "Authority limits",
        "Triage models",
        "Try triage",
    ]
    assert '<a href="/settings/escalations/" aria-current="page">' in nav


def test_supervisors_get_the_supervision_entries_and_agents_do_not(client_as):
    supervisor = client_as("supervisor").get(reverse("web:supervisor"))

    assert '<a href="/workspace/routing/">Routing</a>' in supervisor.text
    assert 'href="/settings/sla/"' not in supervisor.text  # no settings for supervisors


def test_agents_see_neither_menu(client_as):
    response = client_as("agent").get(reverse("web:queue", args=["mine"]))

    assert "/workspace/routing/" not in response.text
    assert ">Settings</a>" not in response.text
