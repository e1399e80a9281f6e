import pytest

from caredesk.core.errors import Conflict
from caredesk.customers.models import Organisation, OrganisationDomain
from caredesk.customers.services.organisations import (
    create_organisation,
    set_organisation_domains,
    update_organisation,
)


def domains_of(organisation):
    return sorted(organisation.domains.values_list("domain", flat=True))


def test_domains_are_cleaned(db):
    organisation = create_organisation(
        name="Globex", domains=[" Globex.com ", "@globex.com", "GLOBEX.io", " "]
    )

    assert domains_of(organisation) == ["globex.com", "globex.io"]


def test_a_domain_of_another_organisation_is_a_conflict(db):
    create_organisation(name="Globex", domains=["globex.com"])

    with pytest.raises(Conflict) as error:
        create_organisation(name="Initech", domains=["initech.com", "globex.com"])

    assert error.value.field == "domains"
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Globex"]
    assert OrganisationDomain.objects.count() == 1


def test_replacing_domains_keeps_removes_and_adds(db):
    organisation = create_organisation(name="Globex", domains=["a.com", "b.com"])

    set_organisation_domains(organisation, domains=["b.com", "c.com"])

    assert domains_of(organisation) == ["b.com", "c.com"]


def test_update_with_a_taken_domain_changes_nothing(db):
    create_organisation(name="Globex", domains=["globex.com"])
    initech = create_organisation(name="Initech", domains=["initech.com"])

    with pytest.raises(Conflict):
        update_organisation(initech, name="Initech 2", domains=["globex.com"])

    initech.refresh_from_db()
    assert (initech.name, domains_of(initech)) == ("Initech", ["initech.com"])


def test_duplicate_name_is_a_conflict_case_insensitively(organisation):
    with pytest.raises(Conflict) as error:
        create_organisation(name="ACME")

    assert error.value.field == "name"


def test_renaming_to_a_taken_name_is_a_conflict(organisation):
    globex = create_organisation(name="Globex")

    with pytest.raises(Conflict) as error:
        update_organisation(globex, name="acme")

    assert error.value.field == "name"
    globex.refresh_from_db()
    assert globex.name == "Globex"


def test_update_changes_flags_and_notes(organisation):
    update_organisation(organisation, members_see_each_other=True, notes="Key account")

    organisation.refresh_from_db()
    assert (organisation.members_see_each_other, organisation.notes, organisation.name) == (
        True,
        "Key account",
        "Acme",
    )
