import pytest

from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.models import Category, CustomFieldDefinition
from caredesk.tickets.services.catalogue import (
    create_category,
    define_custom_field,
    update_category,
)

DEFAULT_SLUGS = ["product", "service", "billing", "communication", "technical", "other"]


def test_default_categories_exist(db):
    assert list(Category.objects.values_list("slug", flat=True)) == DEFAULT_SLUGS


def test_admin_creates_a_category_at_the_end(admin_user):
    category = create_category(actor=admin_user, name=" Returns & Refunds ")

    assert (category.slug, category.name, category.position) == (
        "returns-refunds",
        "Returns & Refunds",
        6,
    )


def test_duplicate_category_is_a_conflict(admin_user):
    with pytest.raises(Conflict) as error:
        create_category(actor=admin_user, name="Billing")

    assert error.value.field == "slug"
    assert Category.objects.count() == 6


def test_category_without_a_usable_name_is_refused(admin_user):
    with pytest.raises(ValidationFailed) as error:
        create_category(actor=admin_user, name="!!!")

    assert error.value.field == "name"


@pytest.mark.parametrize("role", ["supervisor", "agent", "customer_user"])
def test_only_admins_edit_the_catalogue(request, role):
    user = request.getfixturevalue(role)
    category = Category.objects.get(slug="other")

    with pytest.raises(PermissionDenied):
        create_category(actor=user, name="Shipping")
    with pytest.raises(PermissionDenied):
        update_category(category, actor=user, is_active=False)
    with pytest.raises(PermissionDenied):
        define_custom_field(actor=user, key="seats", label="Seats", field_type="number")

    category.refresh_from_db()
    assert (Category.objects.count(), category.is_active) == (6, True)
    assert CustomFieldDefinition.objects.count() == 0


def test_admin_deactivates_and_renames_a_category(admin_user):
    category = Category.objects.get(slug="other")

    update_category(category, actor=admin_user, name=" Misc ", is_active=False)

    category.refresh_from_db()
    assert (category.name, category.is_active) == ("Misc", False)


def test_admin_defines_a_choice_field(admin_user):
    definition = define_custom_field(
        actor=admin_user, key="Plan Tier", label=" Plan ", field_type="choice", choices=["a", "b"]
    )

    assert (definition.key, definition.label, definition.field_type, definition.choices) == (
        "plan_tier",
        "Plan",
        "choice",
        ["a", "b"],
    )


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"key": "!!", "field_type": "text"}, "key"),
        ({"key": "x", "field_type": "colour"}, "field_type"),
        ({"key": "x", "field_type": "choice"}, "choices"),
    ],
)
def test_invalid_field_definitions_are_refused(admin_user, fields, error_field):
    with pytest.raises(ValidationFailed) as error:
        define_custom_field(actor=admin_user, label="X", **fields)

    assert error.value.field == error_field
    assert CustomFieldDefinition.objects.count() == 0


def test_duplicate_field_key_is_a_conflict(admin_user):
    define_custom_field(actor=admin_user, key="seats", label="Seats", field_type="number")

    with pytest.raises(Conflict) as error:
        define_custom_field(actor=admin_user, key="Seats", label="Seats", field_type="text")

    assert error.value.field == "key"
    assert CustomFieldDefinition.objects.count() == 1
