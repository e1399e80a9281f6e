"""Domain errors raised by services; the API and views map each to a 4xx naming the field."""


class DomainError(Exception):
    """A request the domain refuses. ``field`` names the input at fault, when there is one."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    status_code = 422


class NotFound(DomainError):
    """Missing and forbidden objects raise the same error, so existence is never revealed."""

    status_code = 404


class PermissionDenied(DomainError):
    """The caller may see the object but not do this to it."""

    status_code = 403


class Conflict(DomainError):
    status_code = 409


class StaleVersion(DomainError):
    """An If-Match precondition named an older version of the object."""

    status_code = 412
