from collections.abc import Sequence

from django.db import transaction

from caredesk.core.errors import Conflict
from caredesk.customers.models import Organisation, OrganisationDomain


def _clean_domains(domains: Sequence[str]) -> list[str]:
    return sorted({domain.strip().lower().lstrip("@") for domain in domains if domain.strip()})


@transaction.atomic
def create_organisation(
    *, name: str, domains: Sequence[str] = (), members_see_each_other: bool = False, notes: str = ""
) -> Organisation:
    if Organisation.objects.filter(name__iexact=name).exists():
        raise Conflict(f"An organisation named {name!r} already exists.", field="name")
    organisation = Organisation.objects.create(
        name=name, members_see_each_other=members_see_each_other, notes=notes
    )
    set_organisation_domains(organisation, domains=domains)
    return organisation


@transaction.atomic
def set_organisation_domains(organisation: Organisation, *, domains: Sequence[str]) -> None:
    cleaned = _clean_domains(domains)
    taken = OrganisationDomain.objects.filter(domain__in=cleaned).exclude(organisation=organisation)
    if taken.exists():
        raise Conflict(f"Domain {taken.first()} belongs to another organisation.", field="domains")
    organisation.domains.exclude(domain__in=cleaned).delete()
    existing = set(organisation.domains.values_list("domain", flat=True))
    OrganisationDomain.objects.bulk_create(
        [
            OrganisationDomain(organisation=organisation, domain=d)
            for d in cleaned
            if d not in existing
        ]
    )


@transaction.atomic
def update_organisation(
    organisation: Organisation,
    *,
    name: str | None = None,
    members_see_each_other: bool | None = None,
    notes: str | None = None,
    domains: Sequence[str] | None = None,
) -> Organisation:
    if name is not None:
        if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
            raise Conflict(f"An organisation named {name!r} already exists.", field="name")
        organisation.name = name
    if members_see_each_other is not None:
        organisation.members_see_each_other = members_see_each_other
    if notes is not None:
        organisation.notes = notes
    organisation.save()
    if domains is not None:
        set_organisation_domains(organisation, domains=domains)
    return organisation
