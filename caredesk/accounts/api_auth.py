"""API authentication: ``Authorization: Bearer <token>`` or the browser session (with CSRF)."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from caredesk.accounts.services.tokens import authenticate_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [BearerToken(), ActiveSession()]


def api_caller(request: HttpRequest) -> Any:
    """The authenticated user of an API request (set by whichever of API_AUTH accepted it)."""
    return request.auth  # type: ignore[attr-defined]
