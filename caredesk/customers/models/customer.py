from django.db import models

from caredesk.customers.choices import IdentityKind


class Customer(models.Model):
    name = models.CharField(max_length=200)
    # What the customer wants to be called; every greeting uses it (falls back to the first name).
    preferred_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    language = models.CharField(max_length=10, default="en")
    timezone = models.CharField(max_length=64, default="UTC")
    organisation = models.ForeignKey(
        "customers.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    tags = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    is_vip = models.BooleanField(default=False)
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="customer_profile",
    )
    # Set when this record was found to duplicate another and merged into it; it then holds no
    # identities or tickets and leaves the directory.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_customers"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def greeting_name(self) -> str:
        if self.preferred_name:
            return self.preferred_name
        return self.name.split()[0] if self.name.strip() else "there"


class CustomerIdentity(models.Model):
    """One way to reach a customer; each (kind, value) belongs to exactly one customer."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=20, choices=IdentityKind.choices)
    value = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_customer_identity")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"
