"""Regional targets: the split national → provinces → cities never exceeds the parent (docs/programs.md)."""

import pytest

from accounts.errors import ApplicationError, PermissionDeniedError
from accounts.models import AuditLog
from programs.models import Metric, RegionalTarget
from programs.services.targets import target_delete, target_set, target_split
from tests.accounts.factories import region
from tests.programs.factories import plan

pytestmark = pytest.mark.django_db


def national(metric=Metric.LEADING_TALENTS):
    return RegionalTarget.objects.get(plan=plan(), metric=metric, region__code="000000")


def test_seeded_national_targets_are_the_policy_numbers():
    assert national().target == 50_000
    assert national(Metric.CERTIFICATES).target == 5_000_000


def test_national_official_splits_across_provinces_up_to_the_national_target(world):
    ministry = world.national_official
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=30_000)
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("320000"), target=20_000)
    with pytest.raises(ApplicationError) as error:
        target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("110000"), target=1)
    assert error.value.code == "exceeds_parent_target"
    assert "50,000" in str(error.value.message) or "50000" in str(error.value.message)
    assert not RegionalTarget.objects.filter(region__code="110000").exists()


def test_changing_a_child_counts_its_own_old_value_once(world):
    ministry = world.national_official
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=50_000)
    row = target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=49_000)
    assert row.target == 49_000
    with pytest.raises(ApplicationError) as refused:
        target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=50_001)
    assert (refused.value.code, refused.value.status, refused.value.field) == ("exceeds_parent_target", 400, "target")
    assert RegionalTarget.objects.get(pk=row.pk).target == 49_000


def test_provincial_official_splits_the_province_across_its_cities(world):
    target_set(
        actor=world.national_official, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=100
    )
    province = world.provincial_official
    target_set(actor=province, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440100"), target=60)
    target_set(actor=province, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440300"), target=40)
    with pytest.raises(ApplicationError) as error:
        target_set(actor=province, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440300"), target=41)
    assert error.value.code == "exceeds_parent_target"
    assert error.value.field == "target"


def test_city_target_needs_the_province_target_first(world):
    with pytest.raises(ApplicationError) as error:
        target_set(
            actor=world.provincial_official,
            plan=plan(),
            metric=Metric.LEADING_TALENTS,
            region=region("440100"),
            target=10,
        )
    assert error.value.code == "no_parent_target"


def test_parent_cannot_go_below_the_sum_of_its_children(world):
    ministry = world.national_official
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=100)
    target_set(
        actor=world.provincial_official, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440100"), target=70
    )
    with pytest.raises(ApplicationError) as error:
        target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=69)
    assert error.value.code == "below_children_targets"
    # The national target likewise cannot drop below the provinces' sum.
    with pytest.raises(ApplicationError) as refused:
        target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("000000"), target=99)
    assert (refused.value.code, refused.value.status, refused.value.field) == ("below_children_targets", 400, "target")
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=70)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("provincial_official", "440000"),  # a province does not set its own target
        ("provincial_official", "320100"),  # nor another province's cities
        ("city_official", "440100"),
        ("clerk", "440000"),
        ("expert", "440000"),
        ("national_official", "440100"),  # cities are the province's to split
    ],
)
def test_who_may_set_which_target(world, who, code):
    with pytest.raises(PermissionDeniedError):
        target_set(actor=getattr(world, who), plan=plan(), metric=Metric.LEADING_TALENTS, region=region(code), target=1)


def test_negative_target_is_refused(world):
    with pytest.raises(ApplicationError) as error:
        target_set(
            actor=world.national_official,
            plan=plan(),
            metric=Metric.LEADING_TALENTS,
            region=region("440000"),
            target=-1,
        )
    assert error.value.field == "target"


def test_target_changes_are_audited_with_before_and_after(world):
    ministry = world.national_official
    row = target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=10)
    target_set(actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=12)
    entries = list(AuditLog.objects.for_object(row).order_by("id").values_list("action", "from_state", "to_state"))
    assert entries == [("target_set", "", "10"), ("target_set", "10", "12")]


def test_delete_refused_while_children_exist(world):
    ministry = world.national_official
    province = target_set(
        actor=ministry, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440000"), target=10
    )
    city = target_set(
        actor=world.provincial_official, plan=plan(), metric=Metric.LEADING_TALENTS, region=region("440100"), target=5
    )
    with pytest.raises(ApplicationError) as error:
        target_delete(actor=ministry, target=province)
    assert error.value.code == "has_children_targets"
    target_delete(actor=world.provincial_official, target=city)
    target_delete(actor=ministry, target=province)
    assert not RegionalTarget.objects.filter(region__code__in=["440000", "440100"]).exists()
    assert AuditLog.objects.filter(action="target_delete").count() == 2


def test_a_split_lowers_children_before_the_parent_and_saves_all_or_nothing(world):
    ministry, leading = world.national_official, Metric.LEADING_TALENTS
    guangdong, guangzhou, shenzhen = region("440000"), region("440100"), region("440300")
    target_set(actor=ministry, plan=plan(), metric=leading, region=guangdong, target=100)
    province = world.provincial_official
    target_set(actor=province, plan=plan(), metric=leading, region=guangzhou, target=60)
    target_set(actor=province, plan=plan(), metric=leading, region=shenzhen, target=40)

    def targets():
        return {r.region.code: r.target for r in RegionalTarget.objects.filter(region__parent=guangdong)}

    # Shrinking Guangzhou frees room that Shenzhen's rise needs: saved in that order, the split holds.
    changes = [("city_440300", shenzhen, 70), ("city_440100", guangzhou, 30)]
    target_split(actor=province, plan=plan(), metric=leading, parent=guangdong, changes=changes)
    assert targets() == {"440100": 30, "440300": 70}

    # One change over the limit and nothing of the form is saved; the error names its field.
    changes = [("city_440100", guangzhou, 20), ("city_440300", shenzhen, 81)]
    with pytest.raises(ApplicationError) as error:
        target_split(actor=province, plan=plan(), metric=leading, parent=guangdong, changes=changes)
    assert error.value.field == "city_440300"
    assert targets() == {"440100": 30, "440300": 70}
