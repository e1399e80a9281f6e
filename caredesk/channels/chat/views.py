"""The demo page: a stand-in for a customer's website, with the widget embedded by its one tag."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def demo_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "chat/demo.html",
        {
            "caredesk_url": request.build_absolute_uri("/").rstrip("/"),
            "team": request.GET.get("team", "")[:100],
        },
    )
