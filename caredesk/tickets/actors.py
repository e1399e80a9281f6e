"""Who is acting on a ticket: an agent, a customer (logged in or writing by a channel), or the system."""

from dataclasses import dataclass
from typing import Any

from caredesk.accounts import policy
from caredesk.tickets.choices import AuthorKind


@dataclass(frozen=True)
class Actor:
    kind: AuthorKind
    user: Any = None  # accounts.User
    customer: Any = None  # customers.Customer
    # The automation rule acting, when caredesk acts for one: the timeline shows its name.
    rule: str = ""

    @classmethod
    def of_user(cls, user: Any) -> "Actor":
        if policy.is_staff(user):
            return cls(kind=AuthorKind.AGENT, user=user)
        return cls(kind=AuthorKind.CUSTOMER, user=user, customer=policy.customer_profile_of(user))

    @classmethod
    def of_customer(cls, customer: Any) -> "Actor":
        return cls(kind=AuthorKind.CUSTOMER, user=customer.user, customer=customer)

    @classmethod
    def system(cls) -> "Actor":
        return cls(kind=AuthorKind.SYSTEM)

    @classmethod
    def for_rule(cls, rule_name: str) -> "Actor":
        return cls(kind=AuthorKind.SYSTEM, rule=rule_name)

    @property
    def is_agent(self) -> bool:
        return self.kind == AuthorKind.AGENT

    @property
    def is_customer(self) -> bool:
        return self.kind == AuthorKind.CUSTOMER

    @property
    def is_system(self) -> bool:
        """caredesk itself (rules, escalations, timers): trusted, its checks were made upstream."""
        return self.kind == AuthorKind.SYSTEM

    @property
    def name(self) -> str:
        if self.user is not None:
            return str(self.user.name)
        if self.customer is not None:
            return str(self.customer.name)
        if self.rule:
            return f"Rule: {self.rule}"[:200]
        return "caredesk"
