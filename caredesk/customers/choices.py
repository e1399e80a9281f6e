from django.db import models


class IdentityKind(models.TextChoices):
    EMAIL = "email", "Email address"
    PHONE = "phone", "Phone number"
    EXTERNAL = "external", "External id"  # e.g. "whatsapp:+4917..." bridged by a channel
