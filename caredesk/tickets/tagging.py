"""Tag names: normalised once here, stored as shared rows."""

import re
from collections.abc import Iterable

from caredesk.core.errors import ValidationFailed
from caredesk.tickets.models import Tag

TAG_NAME = re.compile(r"^[\w][\w.-]{0,49}$", re.UNICODE)
MAX_TAGS = 30


def normalise_tags(names: Iterable[str]) -> list[str]:
    cleaned = sorted(
        {name.strip().lower().replace(" ", "-") for name in names if name and name.strip()}
    )
    for name in cleaned:
        if not TAG_NAME.match(name):
            raise ValidationFailed(
                f"Tag {name!r} may hold only letters, digits, '-', '_' and '.', up to 50.",
                field="tags",
            )
    if len(cleaned) > MAX_TAGS:
        raise ValidationFailed(f"At most {MAX_TAGS} tags per ticket.", field="tags")
    return cleaned


def tag_rows(names: list[str]) -> list[Tag]:
    if not names:
        return []
    Tag.objects.bulk_create([Tag(name=name) for name in names], ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=names))
