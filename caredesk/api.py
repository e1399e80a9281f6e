"""The REST API under /api/v1/: one NinjaAPI, each app mounting its router.

Errors are JSON with ``detail`` (a sentence) and ``field`` (the input at fault) where one is known.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from caredesk.accounts.api import router as accounts_router
from caredesk.accounts.api_auth import API_AUTH
from caredesk.core.errors import DomainError
from caredesk.customers.api import router as customers_router
from caredesk.tickets.api import router as tickets_router

api = NinjaAPI(
    title="caredesk API",
    version="1",
    description="Tickets, customers, teams and agents. Authenticate with `Authorization: Bearer <token>`.",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/", tickets_router)
api.add_router("/", customers_router)
api.add_router("/", accounts_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(
        request, {"detail": error.message, "field": error.field}, status=error.status_code
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [
        {
            "field": ".".join(str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path", "payload")),
            "message": item.get("msg", "invalid"),
        }
        for item in error.errors
    ]
    first = problems[0] if problems else {"field": None, "message": "invalid input"}
    return api.create_response(
        request,
        {"detail": f"{first['field'] or 'input'}: {first['message']}", "field": first["field"], "errors": problems},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Authentication required: send a Bearer token or sign in.", "field": None}, status=401
    )


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return api.create_response(
        request, {"detail": "The request body is too large.", "field": None}, status=413
    )
