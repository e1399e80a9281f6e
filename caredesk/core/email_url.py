"""Outgoing mail configured by one URL, as ``DATABASE_URL`` configures the database.

``smtp://user:password@host:port`` (plain SMTP, port 25), ``smtp+tls://`` (STARTTLS, port 587),
``smtps://`` (TLS from the start, port 465), ``console://`` (print instead of sending), and the
providers ``mailgun://API_KEY@api.eu.mailgun.net`` (host optional: the API's region) and
``postmark://SERVER_TOKEN@``. User names and passwords are percent-encoded (``%40`` for ``@``);
``?timeout=10`` sets the connection timeout in seconds for SMTP.
"""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
MAILGUN_BACKEND = "anymail.backends.mailgun.EmailBackend"
POSTMARK_BACKEND = "anymail.backends.postmark.EmailBackend"
SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
}


class EmailUrlError(ValueError):
    pass


@dataclass(frozen=True)
class EmailTransport:
    """A backend path and the keyword arguments ``django.core.mail.get_connection`` passes it."""

    backend: str
    options: dict[str, Any] = field(default_factory=dict)

    def django_settings(self) -> dict[str, Any]:
        """The same transport as Django settings (``EMAIL_*``), for mail sent with no connection."""
        names = {
            "host": "EMAIL_HOST",
            "port": "EMAIL_PORT",
            "username": "EMAIL_HOST_USER",
            "password": "EMAIL_HOST_PASSWORD",
            "use_tls": "EMAIL_USE_TLS",
            "use_ssl": "EMAIL_USE_SSL",
            "timeout": "EMAIL_TIMEOUT",
        }
        values: dict[str, Any] = {"EMAIL_BACKEND": self.backend}
        anymail = {}
        for key, value in self.options.items():
            if key in names:
                values[names[key]] = value
            else:
                anymail[key] = value
        if anymail:
            prefix = "MAILGUN_" if self.backend == MAILGUN_BACKEND else "POSTMARK_"
            values["ANYMAIL"] = {prefix + key.upper(): value for key, value in anymail.items()}
        return values


def parse_email_url(url: str) -> EmailTransport:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise EmailUrlError(f"EMAIL_URL is not a URL: {error}") from error
    scheme = parts.scheme.lower()
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if scheme == "console":
        return EmailTransport(CONSOLE_BACKEND)
    if scheme in SMTP_SCHEMES:
        default_port, use_tls, use_ssl = SMTP_SCHEMES[scheme]
        if not parts.hostname:
            raise EmailUrlError(f"EMAIL_URL {scheme}:// needs a host")
        options: dict[str, Any] = {
            "host": parts.hostname,
            "port": port or default_port,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
        }
        if "timeout" in query:
            try:
                options["timeout"] = float(query["timeout"])
            except ValueError as error:
                raise EmailUrlError("EMAIL_URL timeout must be a number of seconds") from error
        return EmailTransport(SMTP_BACKEND, options)
    if scheme == "mailgun":
        if not parts.username:
            raise EmailUrlError("EMAIL_URL mailgun:// needs the API key: mailgun://KEY@")
        options = {"api_key": unquote(parts.username)}
        if parts.hostname:
            options["api_url"] = f"https://{parts.hostname}/v3"
        return EmailTransport(MAILGUN_BACKEND, options)
    if scheme == "postmark":
        if not parts.username:
            raise EmailUrlError("EMAIL_URL postmark:// needs the server token: postmark://TOKEN@")
        return EmailTransport(POSTMARK_BACKEND, {"server_token": unquote(parts.username)})
    raise EmailUrlError(
        f"EMAIL_URL scheme {scheme!r} is not one of smtp, smtp+tls, smtps, console, mailgun, "
        "postmark"
    )
