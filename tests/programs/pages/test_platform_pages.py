"""The platform pages: registration with a leader, editing without the full ID number, scope."""

import pytest
from django.urls import reverse

from programs.models import Platform
from talents.validators import mask_id_number
from tests.programs.factories import (
    PlatformFactory,
)
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


# Platforms


def test_province_registers_a_platform_with_a_leader(world, client_for):
    leader = TalentFactory(employer=world.org)
    client = client_for(world.provincial_official)
    data = {
        "kind": "skill_master_studio",
        "level": "provincial",
        "name": "广东省数控技能大师工作室",
        "host": world.org.pk,
        "leader_id_number": leader.id_number,
        "established_on": "2023-05-01",
    }
    response = client.post(reverse("programs:platform-create"), data)
    assert response.status_code == 302
    platform = Platform.objects.get(name="广东省数控技能大师工作室")
    assert platform.leader == leader and platform.region == world.org.region
    data |= {"level": "national", "name": "国家级工作室"}
    response = client.post(reverse("programs:platform-create"), data)
    assert response.status_code == 403  # national platforms are the ministry's
    data |= {"level": "provincial", "leader_id_number": TalentFactory(employer=world.org_other_province).id_number}
    response = client.post(reverse("programs:platform-create"), data)
    assert response.status_code == 200 and "leader_id_number" in response.context["form"].errors


def test_platform_edit_never_shows_the_leaders_full_number_and_keeps_the_leader(world, client_for):
    leader = TalentFactory(employer=world.org)
    platform = PlatformFactory(host=world.org, leader=leader)
    client = client_for(world.provincial_official)
    url = reverse("programs:platform-edit", args=[platform.pk])
    page = client.get(url).content.decode()
    assert leader.id_number not in page
    assert mask_id_number(leader.id_number) in page  # shown masked
    data = {"kind": platform.kind, "level": platform.level, "name": "改名工作室", "host": world.org.pk}
    assert client.post(url, data).status_code == 302  # no number typed: the leader stays
    platform.refresh_from_db()
    assert platform.leader == leader and platform.name == "改名工作室"
    other = TalentFactory(employer=world.org)
    assert client.post(url, data | {"leader_id_number": other.id_number}).status_code == 302
    platform.refresh_from_db()
    assert platform.leader == other
    assert client.post(url, data | {"remove_leader": "on"}).status_code == 302
    platform.refresh_from_db()
    assert platform.leader is None


def test_platform_list_is_scoped(world, client_for):
    PlatformFactory(host=world.org, name="广州工作室")
    PlatformFactory(host=world.org_other_province, name="南京工作室")
    names = {
        p.name for p in client_for(world.city_official).get(reverse("programs:platform-list")).context["platforms"]
    }
    assert names == {"广州工作室"}
