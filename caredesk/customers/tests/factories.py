import factory

from caredesk.customers.models import Customer, CustomerIdentity, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer
        skip_postgeneration_save = True

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"customer{n}@example.net")

    @factory.post_generation
    def identity(self, create, extracted, **kwargs):
        if create and self.email:
            CustomerIdentity.objects.get_or_create(
                kind="email", value=self.email, defaults={"customer": self}
            )
