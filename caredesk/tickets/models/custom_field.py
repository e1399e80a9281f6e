from django.db import models

from caredesk.tickets.choices import CustomFieldType


class CustomFieldDefinition(models.Model):
    """A typed field admins add to tickets; values live in ``Ticket.custom_fields`` by key."""

    key = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=100)
    field_type = models.CharField(max_length=10, choices=CustomFieldType.choices)
    choices = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.label
