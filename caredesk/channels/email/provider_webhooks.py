"""The email providers' webhooks stay shut until the secret that proves a post came from the
provider is configured.

Anymail accepts any post when no secret is set (it only warns), and Mailgun's signature checked
with an empty key is one anyone can compute. So each provider's webhook views are wrapped here:
without its secret they answer 404, before anything is read or stored. 404 because both providers
retry it (Postmark stops retrying on 403, Mailgun on 406), so mail sent before the operator sets
the secret arrives once they do. ``caredesk serve --profile production`` refuses to start while
``EMAIL_URL`` names a provider whose secret is missing (the deployment check below).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from caredesk.channels.webhook_requests import problem
from caredesk.core.email_url import MAILGUN_BACKEND, POSTMARK_BACKEND

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provider:
    name: str
    backend: str
    # The key in settings.ANYMAIL, and the environment variable an operator sets for it.
    anymail_key: str
    environment_variable: str
    proof: str


# Mailgun signs every post with its webhook signing key; Postmark offers only basic auth.
MAILGUN = Provider(
    "mailgun",
    MAILGUN_BACKEND,
    "MAILGUN_WEBHOOK_SIGNING_KEY",
    "MAILGUN_WEBHOOK_SIGNING_KEY",
    "the webhook signing key from Mailgun's dashboard",
)
POSTMARK = Provider(
    "postmark",
    POSTMARK_BACKEND,
    "WEBHOOK_SECRET",
    "EMAIL_WEBHOOK_SECRET",
    "a user:password that the webhook URLs given to Postmark carry as basic auth",
)
PROVIDERS = (MAILGUN, POSTMARK)


def has_secret(provider: Provider) -> bool:
    secret = settings.ANYMAIL.get(provider.anymail_key)
    if isinstance(secret, str):
        return bool(secret.strip())
    return any(str(item).strip() for item in secret or ())


def guarded(provider: Provider, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``view``, answering 404 while ``provider``'s secret is not configured."""

    @csrf_exempt
    def guarded_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_secret(provider):
            logger.warning(
                "email_webhook_refused provider=%s missing_setting=%s",
                provider.name,
                provider.environment_variable,
                extra={
                    "provider": provider.name,
                    "missing_setting": provider.environment_variable,
                    "path": request.path,
                },
            )
            return problem("Not found.", field=None, status=404)
        return view(request, *args, **kwargs)

    return guarded_view


@checks.register(checks.Tags.security, deploy=True)
def check_provider_webhook_secrets(**kwargs: Any) -> list[checks.CheckMessage]:
    """A provider that sends caredesk's mail also posts its delivery reports (and usually the
    inbound mail) to caredesk: with its secret missing, those posts would be refused."""
    return [
        checks.Error(
            f"EMAIL_URL sends mail through {provider.name.title()}, but its webhooks "
            f"(/email/{provider.name}/inbound/ and /email/{provider.name}/tracking/) are shut: "
            f"set {provider.environment_variable} to {provider.proof}.",
            id="caredesk_email.E001",
        )
        for provider in PROVIDERS
        if provider.backend == settings.EMAIL_BACKEND and not has_secret(provider)
    ]
