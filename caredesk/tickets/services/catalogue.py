"""Admin-edited lists: ticket categories and custom field definitions."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.choices import CustomFieldType
from caredesk.tickets.models import Category, CustomFieldDefinition


def _require_admin(user: User) -> None:
    if not policy.can_manage_settings(user):
        raise PermissionDenied("Only admins may change categories and fields.")


@transaction.atomic
def create_category(*, actor: User, name: str, slug: str = "") -> Category:
    _require_admin(actor)
    slug = slugify(slug or name)
    if not slug:
        raise ValidationFailed("A category needs a name.", field="name")
    if Category.objects.filter(slug=slug).exists():
        raise Conflict(f"A category {slug!r} exists already.", field="slug")
    position = Category.objects.count()
    return Category.objects.create(slug=slug, name=name.strip(), position=position)


@transaction.atomic
def update_category(
    category: Category, *, actor: User, name: str | None = None, is_active: bool | None = None
) -> Category:
    _require_admin(actor)
    if name is not None:
        category.name = name.strip()
    if is_active is not None:
        category.is_active = is_active
    category.save()
    return category


@transaction.atomic
def define_custom_field(
    *, actor: User, key: str, label: str, field_type: str, choices: Sequence[str] = ()
) -> CustomFieldDefinition:
    _require_admin(actor)
    key = slugify(key).replace("-", "_")
    if not key:
        raise ValidationFailed("A custom field needs a key.", field="key")
    if field_type not in CustomFieldType.values:
        raise ValidationFailed(
            f"Field type must be one of {', '.join(CustomFieldType.values)}.", field="field_type"
        )
    if field_type == CustomFieldType.CHOICE and not choices:
        raise ValidationFailed("A choice field needs choices.", field="choices")
    if CustomFieldDefinition.objects.filter(key=key).exists():
        raise Conflict(f"A custom field {key!r} exists already.", field="key")
    return CustomFieldDefinition.objects.create(
        key=key,
        label=label.strip() or key,
        field_type=field_type,
        choices=list(choices),
        position=CustomFieldDefinition.objects.count(),
    )
