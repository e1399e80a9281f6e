"""The cast of a seeded helpdesk: teams, agents (one of them the benchmark's viewer), customers."""

from dataclasses import dataclass

from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team, User
from caredesk.accounts.services.tokens import issue_token
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.tickets.models import Category

TEAM_NAMES = ("Support", "Billing", "Technical")
BATCH = 5_000


@dataclass
class Cast:
    team_ids: list[int]
    # Agent ids per team, in team order; an agent in two teams appears in both.
    agents_by_team: list[list[int]]
    customer_ids: list[int]
    customer_names: list[str]
    customer_emails: list[str]
    category_ids: list[int]
    viewer: User
    viewer_token: str
    agent_ids: list[int]


def _teams(count: int) -> list[Team]:
    names = [TEAM_NAMES[i] if i < len(TEAM_NAMES) else f"Team {i + 1}" for i in range(count)]
    return Team.objects.bulk_create(
        [
            Team(name=name, slug=name.lower().replace(" ", "-"), is_default=i == 0)
            for i, name in enumerate(names)
        ]
    )


def _agents(count: int, teams: list[Team]) -> tuple[list[User], list[list[int]]]:
    agents = User.objects.bulk_create(
        [
            User(
                email=f"agent{i}@bench.caredesk.test",
                name=f"Agent {i}",
                role=Role.AGENT,
                password="!bench",
            )
            for i in range(count)
        ]
    )
    by_team: list[list[int]] = [[] for _ in teams]
    memberships = []
    for i, agent in enumerate(agents):
        # Each agent works in one team; every fourth also helps the next team (the viewer does).
        homes = {i % len(teams)} | ({(i + 1) % len(teams)} if i % 4 == 0 else set())
        for index in sorted(homes):
            by_team[index].append(agent.pk)
            memberships.append(User.teams.through(user_id=agent.pk, team_id=teams[index].pk))
    User.teams.through.objects.bulk_create(memberships)
    return agents, by_team


def _customers(count: int) -> list[Customer]:
    customers = Customer.objects.bulk_create(
        [
            Customer(name=f"Customer {i}", email=f"customer{i}@example{i % 500}.com")
            for i in range(count)
        ],
        batch_size=BATCH,
    )
    CustomerIdentity.objects.bulk_create(
        [CustomerIdentity(customer=c, kind=IdentityKind.EMAIL, value=c.email) for c in customers],
        batch_size=BATCH,
    )
    return customers


def seed_people(*, teams: int, agents: int, customers: int) -> Cast:
    team_rows = _teams(teams)
    agent_rows, by_team = _agents(agents, team_rows)
    customer_rows = _customers(customers)
    viewer = User.objects.get(pk=agent_rows[0].pk)
    return Cast(
        team_ids=[t.pk for t in team_rows],
        agents_by_team=by_team,
        customer_ids=[c.pk for c in customer_rows],
        customer_names=[c.name for c in customer_rows],
        customer_emails=[c.email for c in customer_rows],
        category_ids=list(Category.objects.values_list("id", flat=True)),
        viewer=viewer,
        viewer_token=issue_token(viewer, name="bench").secret,
        agent_ids=[a.pk for a in agent_rows],
    )
