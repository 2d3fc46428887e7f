"""Programs in the admin: scoped like the portal for staff; workflow records read-only; edits audited."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import AuditLog, User
from programs.models import Activity, Platform, PlatformKind, PlatformLevel
from tests.programs.factories import ActivityFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"admin:programs_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_city(world):
    user = world.city_official
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_activity", "view_platform"]))
    return User.objects.get(pk=user.pk)


def test_staff_official_sees_only_activities_in_reach(client_for, world, staff_city):
    mine = ActivityFactory(organiser=world.org)
    elsewhere = ActivityFactory(organiser=world.org_other_province)
    response = client_for(staff_city).get(url(Activity, "changelist"))
    assert response.status_code == 200
    assert [a.pk for a in response.context["cl"].result_list] == [mine.pk]
    assert client_for(staff_city).get(url(Activity, "change", elsewhere.pk)).status_code == 302  # not found → index
    page = client_for(staff_city).get(url(Activity, "change", mine.pk))
    assert page.status_code == 200
    assert client_for(world.admin).get(url(Activity, "add")).status_code == 403  # services only


def test_platform_edit_by_superuser_is_audited(client_for, world):
    platform = PlatformFactory(host=world.org)
    response = client_for(world.admin).post(
        url(Platform, "change", platform.pk),
        {
            "kind": PlatformKind.SKILL_MASTER_STUDIO,
            "level": PlatformLevel.NATIONAL,
            "name": platform.name,
            "host": world.org.pk,
            "leader": "",
            "region": world.org.region_id,
            "established_on": "2021-05-01",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    platform.refresh_from_db()
    assert platform.level == PlatformLevel.NATIONAL
    entry = AuditLog.objects.for_object(platform).get()
    assert entry.action == "admin_change" and "level" in entry.comment
