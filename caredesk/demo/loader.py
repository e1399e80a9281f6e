"""Loading the demo: a support team, its customers and 90 days of ticket history.

Everything is written through the services, so timelines, status timestamps and the search index
are exactly what real use would have produced. The same seed always gives the same demo.
"""

import random
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.test.utils import override_settings

from caredesk.accounts.choices import Role
from caredesk.accounts.models import User
from caredesk.core import bus, clock
from caredesk.demo.directory import create_customers, create_staff, create_teams
from caredesk.demo.macros import install_macros
from caredesk.demo.people import ADMIN_EMAIL, SUPERVISOR_EMAIL
from caredesk.demo.plans import build_plans
from caredesk.demo.routing import install_routing
from caredesk.demo.rules import install_demo_rules
from caredesk.demo.service_levels import catch_up_due_work, install_service_levels, propose_refunds
from caredesk.demo.stories import Desk, Story
from caredesk.tickets.models import Category

DEFAULT_SEED = 20240901


@dataclass(frozen=True)
class DemoSummary:
    teams: int
    staff: int
    organisations: int
    customers: int
    tickets: int


def demo_data_exists() -> bool:
    return User.objects.filter(email__iexact=ADMIN_EMAIL).exists()


def load_demo(*, seed: int = DEFAULT_SEED, now: datetime | None = None) -> DemoSummary:
    """Write the whole demo, ending at ``now`` (the present by default).

    One transaction: an interrupted load leaves nothing behind, so ``demo_data_exists`` never
    mistakes half a demo for a whole one.
    """
    # Repeatable demo content, not secrets: a seeded, non-cryptographic generator is the point.
    rng = random.Random(seed)  # noqa: S311
    now = now or clock.now()
    # Notifications about a replayed past are not news: keep them in the app, out of the mail.
    with (
        transaction.atomic(),
        bus.without_reactions(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        teams = create_teams()
        staff = create_staff(teams)
        admin = next(user for user in staff if user.email == ADMIN_EMAIL)
        install_service_levels(admin)
        install_macros(admin, teams)
        customers = create_customers()
        agents = [user for user in staff if user.role == Role.AGENT]
        desk = Desk(
            now=now,
            teams=teams,
            agents_by_team={
                name: [user for user in agents if team.pk in user.team_ids]
                for name, team in teams.items()
            },
            supervisor=next(user for user in staff if user.email == SUPERVISOR_EMAIL),
            categories={category.slug: category for category in Category.objects.all()},
        )
        plans = build_plans(rng, now=now, customers=customers)
        tickets = sum(1 + plan.has_duplicate for plan in plans)
        for plan in plans:
            Story(plan, desk, rng).play()
        catch_up_due_work(now)
        propose_refunds(now=now)
        install_demo_rules(next(user for user in staff if user.email == ADMIN_EMAIL))
        install_routing(staff, teams)
    organisations = len({customer.organisation_id for customer in customers})
    return DemoSummary(
        teams=len(teams),
        staff=len(staff),
        organisations=organisations,
        customers=len(customers),
        tickets=tickets,
    )
