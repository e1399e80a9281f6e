from django.db import migrations

DEFAULT_CATEGORIES = [
    ("product", "Product"),
    ("service", "Service"),
    ("billing", "Billing"),
    ("communication", "Communication"),
    ("technical", "Technical"),
    ("other", "Other"),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("tickets", "Category")
    for position, (slug, name) in enumerate(DEFAULT_CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def remove_categories(apps, schema_editor):
    Category = apps.get_model("tickets", "Category")
    Category.objects.filter(slug__in=[slug for slug, _ in DEFAULT_CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_search_index")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
