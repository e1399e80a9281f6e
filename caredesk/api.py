"""The REST API under /api/v1/: one NinjaAPI, each app mounting its router.

Errors are JSON with ``detail`` (a sentence) and ``field`` (the input at fault) where one is known.
"""

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser

from caredesk.accounts.api import router as accounts_router
from caredesk.accounts.api_agent_profiles import router as agent_profiles_router
from caredesk.accounts.api_auth import API_AUTH
from caredesk.analytics.api_channel_metrics import router as channel_metrics_router
from caredesk.analytics.api_workload import router as workload_router
from caredesk.automation.approvals.api import router as automation_router
from caredesk.automation.macros.api import router as macros_router
from caredesk.automation.routing.api import router as routing_router
from caredesk.automation.rules.api import router as rules_router
from caredesk.channels.chat.api import router as chat_router
from caredesk.channels.voice.api import router as voice_router
from caredesk.core.errors import DomainError, ValidationFailed
from caredesk.customers.api import router as customers_router
from caredesk.sla.api import router as sla_router
from caredesk.tickets.api import router as tickets_router
from caredesk.tickets.api_customers import router as customer_tickets_router


class JsonParser(Parser):
    """Refuses NUL characters, which PostgreSQL cannot store, and JSON's non-standard NaN/Infinity.

    Both engines then see the same input: without this a NUL passes on SQLite and fails on
    PostgreSQL with a 500.
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if _holds_nul(data):
            raise ValueError("the body holds a NUL character")
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for name, values in data.lists():
            if _holds_nul(name) or any(_holds_nul(value) for value in values):
                raise ValidationFailed(f"{name} must not hold a NUL character.", field=name)
        return super().parse_querydict(data, list_fields, request)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


api = NinjaAPI(
    parser=JsonParser(),
    title="caredesk API",
    version="1",
    description="Tickets, customers, teams and agents. Authenticate with `Authorization: Bearer <token>`.",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/", tickets_router)
api.add_router("/", customers_router)
api.add_router("/", accounts_router)
api.add_router("/", agent_profiles_router)
api.add_router("/", routing_router)
api.add_router("/", workload_router)
api.add_router("/", sla_router)
api.add_router("/", automation_router)
api.add_router("/", macros_router)
api.add_router("/", chat_router)

api.add_router("/", customer_tickets_router)
api.add_router("/", channel_metrics_router)
api.add_router("/", voice_router)
api.add_router("/", rules_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(
        request, {"detail": error.message, "field": error.field}, status=error.status_code
    )


def _field_name(location: tuple | list) -> str:
    """``("body", "payload", "requester", "email")`` -> ``requester.email``.

    Only the leading source and parameter name go: a field that is itself called ``body`` stays.
    """
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
        parts = parts[1:]
        if parts and parts[0] == "payload" and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [
        {
            "field": _field_name(item.get("loc", ())),
            "message": item.get("msg", "invalid"),
        }
        for item in error.errors
    ]
    first = problems[0] if problems else {"field": None, "message": "invalid input"}
    return api.create_response(
        request,
        {
            "detail": f"{first['field'] or 'input'}: {first['message']}",
            "field": first["field"],
            "errors": problems,
        },
        status=422,
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Authentication required: send a Bearer token or sign in.", "field": None},
        status=401,
    )


# How long a client should wait before retrying a write that found SQLite's write lock taken.
BUSY_RETRY_AFTER_SECONDS = 2


@api.exception_handler(OperationalError)
def database_busy(request: HttpRequest, error: OperationalError) -> HttpResponse:
    """SQLite lets one writer in at a time; under a burst a write can wait out the busy timeout.
    Nothing was written (the transaction rolled back), so the client may safely retry: say so
    with a 503 and Retry-After rather than a 500. Any other database failure stays a 500."""
    if "database is locked" not in str(error):
        raise error
    response = api.create_response(
        request,
        {"detail": "caredesk is busy writing; nothing was saved. Retry shortly.", "field": None},
        status=503,
    )
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return api.create_response(
        request, {"detail": "The request body is too large.", "field": None}, status=413
    )
