from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from caredesk.web.uploads import is_too_large, too_large_response


class RefuseOversizedRequests:
    """Answer 413 before anything reads a body no service could accept.

    It runs before CsrfViewMiddleware, which would otherwise read a whole multipart upload just to
    find the token. Smaller bodies still meet each limit where it applies (files, JSON, fields).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_too_large(request):
            return too_large_response(request)
        return self.get_response(request)
