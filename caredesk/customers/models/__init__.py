"""Customers models. Import them from here."""

from caredesk.customers.models.customer import Customer, CustomerIdentity
from caredesk.customers.models.organisation import Organisation, OrganisationDomain

__all__ = ["Customer", "CustomerIdentity", "Organisation", "OrganisationDomain"]
