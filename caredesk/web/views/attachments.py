"""Attachment downloads, for whoever may read the message that carries the file."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from caredesk.core.errors import NotFound
from caredesk.tickets import selectors
from caredesk.tickets.models import Attachment


@require_GET
@login_required
def download_attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("Attachment not found.")
    try:
        selectors.get_message_for(request.user, attachment.message_id)
        handle = attachment.file.open("rb")
    except (NotFound, OSError) as error:
        raise Http404("Attachment not found.") from error
    # Always a download, never shown inline: an uploaded HTML or SVG file must not run as a page.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
