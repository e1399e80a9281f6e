from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from caredesk.automation.schemas import PersonOut, StrictSchema

# Amounts are JSON numbers or decimal strings ("120.50"), served back as strings so no client
# reads them through a binary float.
Amount = Field(gt=0, max_digits=12, decimal_places=2)
Currency = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, such as EUR")
ActionName = Literal["refund", "credit", "goodwill"]


class ProposalIn(StrictSchema):
    action: ActionName
    amount: Decimal = Amount
    currency: str = Currency
    reason: str = Field(min_length=1, max_length=5000)


class DecisionIn(StrictSchema):
    approve: bool
    note: str = Field(default="", max_length=5000, description="Required when denying")


class ApprovalOut(Schema):
    id: int
    ticket_id: int
    action: str
    amount: Decimal
    currency: str
    reason: str
    authority_limit: Decimal | None
    approver_role: str
    state: str
    requested_by: PersonOut
    decided_by: PersonOut | None
    decided_at: datetime | None
    decision_note: str
    created_at: datetime


class ApprovalPageOut(Schema):
    items: list[ApprovalOut]
    next: str | None


class ProposalOut(Schema):
    outcome: Literal["within_authority", "approval_requested"]
    action: str
    amount: Decimal
    currency: str
    authority_limit: Decimal | None
    approval: ApprovalOut | None


class ApprovalQueueQuery(Schema):
    state: Literal["pending", "approved", "denied", "cancelled"] = "pending"
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=25, ge=1, le=100)


class AuthorityLimitIn(StrictSchema):
    role: Literal["admin", "supervisor", "agent"]
    action: ActionName
    max_amount: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    currency: str = Currency


class AuthorityLimitsIn(StrictSchema):
    limits: list[AuthorityLimitIn] = Field(max_length=50)


class AuthorityLimitOut(Schema):
    role: str
    action: str
    max_amount: Decimal
    currency: str
    updated_at: datetime
