import factory

from accounts.models import Organisation, OrganisationKind, Region, Role, User
from accounts.validators import credit_code_from_parts


def region(code: str) -> Region:
    """Regions are catalogue data loaded by migration; tests look them up by GB/T 2260 code."""
    return Region.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    kind = OrganisationKind.ENTERPRISE
    region = factory.LazyFunction(lambda: region("440100"))
    credit_code = factory.LazyAttributeSequence(lambda o, n: credit_code_from_parts(o.region.code, f"MA{n:07d}"))
    above_designated_size = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.ENTERPRISE_CLERK
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
