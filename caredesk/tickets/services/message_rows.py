"""Writing message rows: bodies checked and sanitised, attachments stored, the event recorded."""

from collections.abc import Sequence

from django.core.files.base import ContentFile

from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import CheckedFile
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.models import Attachment, Message, Ticket
from caredesk.tickets.sanitising import clean_html, html_to_text

MAX_BODY_LENGTH = 200_000


def message_bodies(body: str, body_html: str) -> tuple[str, str]:
    """The plain text and the sanitised HTML of a message; at least one must say something."""
    cleaned_html = clean_html(body_html) if body_html else ""
    text = body.strip() or (html_to_text(cleaned_html) if cleaned_html else "")
    if not text:
        raise ValidationFailed("The message is empty.", field="body")
    if len(text) > MAX_BODY_LENGTH:
        raise ValidationFailed(
            f"The message is longer than {MAX_BODY_LENGTH} characters.", field="body"
        )
    return text, cleaned_html


def store_attachments(message: Message, files: Sequence[CheckedFile]) -> None:
    for checked in files:
        attachment = Attachment(
            message=message,
            filename=checked.filename,
            content_type=checked.content_type,
            size=len(checked.content),
            sha256=checked.sha256,
        )
        attachment.file.save(checked.filename, ContentFile(checked.content), save=False)
        attachment.save()


def find_by_external_id(channel: str, external_id: str) -> Message | None:
    if not external_id:
        return None
    return (
        Message.objects.select_related("ticket")
        .filter(channel=channel, external_id=external_id)
        .first()
    )


def create_message(
    ticket: Ticket,
    *,
    actor: Actor,
    text: str,
    html: str,
    is_public: bool,
    channel: str,
    files: Sequence[CheckedFile],
    external_id: str,
) -> Message:
    """Write the message row and its event. Trusted: the caller has checked and locked."""
    message = Message.objects.create(
        ticket=ticket,
        author_kind=actor.kind,
        author_user=actor.user,
        author_customer=actor.customer,
        is_public=is_public,
        channel=channel,
        body_text=text,
        body_html=html,
        external_id=external_id[:255],
        created_at=clock.now(),
    )
    store_attachments(message, files)
    record_event(
        ticket,
        EventKind.MESSAGE_ADDED if is_public else EventKind.NOTE_ADDED,
        actor=actor,
        channel=channel,
        data={"message_id": message.pk, "attachments": len(files)},
    )
    return message
