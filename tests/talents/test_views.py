"""Registry pages: the list, one talent's page and the audited reveal of the full ID number (the list's
xlsx export: test_registry_export.py)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditLog
from accounts.services import audit_record
from catalogues.models import Occupation
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory, TitleCredentialFactory

ALLOWED = ["enterprise_clerk", "city_official", "provincial_official", "national_official", "admin"]
HTMX_TABLE = {"HX-Request": "true", "HX-Target": "talent-table"}

# The nearest users whose scope does not reach the world's own organisation (Guangzhou, Guangdong).
OUT_OF_SCOPE = ["clerk_other_org", "city_official_other_city", "provincial_official_other"]
OFFICIALS = ["city_official", "provincial_official", "national_official", "admin"]


def in_english(client):
    """Texts are checked in the English source language; the default page language is zh-hans."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(client_for, world, role):
    return client_for(world.users_by_role()[role])


# The list


@pytest.mark.parametrize("role", ALLOWED)
def test_registry_roles_open_the_list(client_for, world, role):
    assert as_user(client_for, world, role).get(reverse("talents:list")).status_code == 200


def test_experts_have_no_registry(client_for, world):
    assert client_for(world.expert).get(reverse("talents:list")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client_for, world):
    response = client_for(None).get(reverse("talents:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_list_shows_masked_id_numbers_and_only_the_scope(client_for, world):
    mine = TalentFactory(employer=world.org, name="张三")
    TalentFactory(employer=world.org_same_city, name="李四")
    page = client_for(world.clerk).get(reverse("talents:list")).content.decode()
    assert "张三" in page
    assert mine.masked_id_number in page
    assert mine.id_number not in page
    assert mine.id_number[6:14] not in page  # not even the birth date the mask hides
    assert "李四" not in page


def test_city_official_sees_the_city_and_province_sees_its_cities(client_for, world):
    TalentFactory(employer=world.org, name="广州人才")
    TalentFactory(employer=world.org_other_city, name="深圳人才")
    TalentFactory(employer=world.org_other_province, name="南京人才")
    city = client_for(world.city_official).get(reverse("talents:list")).content.decode()
    assert "广州人才" in city and "深圳人才" not in city
    province = client_for(world.provincial_official).get(reverse("talents:list")).content.decode()
    assert "广州人才" in province and "深圳人才" in province and "南京人才" not in province


def test_filters_narrow_the_list(client_for, world):
    digital = Occupation.objects.filter(is_digital=True).first()
    TalentFactory(employer=world.org, name="数字工匠", occupation=digital, frontline=False)
    TalentFactory(employer=world.org, name="车工师傅", frontline=True)
    client = client_for(world.clerk)

    def names(query):
        return client.get(reverse("talents:list"), query).content.decode()

    assert "数字工匠" in names({"digital": "true"}) and "车工师傅" not in names({"digital": "true"})
    assert "车工师傅" in names({"frontline": "true"}) and "数字工匠" not in names({"frontline": "true"})
    assert "数字工匠" in names({"q": "数字"}) and "车工师傅" not in names({"q": "数字"})
    assert "车工师傅" in names({"occupation": "", "q": "", "gender": ""})  # empty filters are no filter


def test_search_by_the_visible_parts_of_the_id_number(client_for, world):
    talent = TalentFactory(employer=world.org, name="王五")
    client = client_for(world.clerk)
    assert "王五" in client.get(reverse("talents:list"), {"q": talent.id_number[-4:]}).content.decode()
    assert "王五" not in client.get(reverse("talents:list"), {"q": talent.id_number[6:14]}).content.decode()


def test_skill_level_and_award_filters(client_for, world):
    skilled = TalentFactory(employer=world.org, name="技师甲")
    honoured = TalentFactory(employer=world.org, name="能手乙")
    CredentialFactory(talent=skilled)
    HonourFactory(talent=honoured)
    client = client_for(world.clerk)
    by_level = client.get(reverse("talents:list"), {"skill_level": "technician"}).content.decode()
    assert "技师甲" in by_level and "能手乙" not in by_level
    by_award = client.get(reverse("talents:list"), {"award": "national_technical_expert"}).content.decode()
    assert "能手乙" in by_award and "技师甲" not in by_award


def test_region_filter_offers_only_regions_in_scope(client_for, world):
    TalentFactory(employer=world.org, name="广州人才")
    TalentFactory(employer=world.org_other_city, name="深圳人才")
    client = client_for(world.provincial_official)
    page = client.get(reverse("talents:list"), {"region": world.org.region_id}).content.decode()
    assert "广州人才" in page and "深圳人才" not in page
    # Jiangsu is not a choice for Guangdong: the filter is refused, not applied.
    foreign = client.get(reverse("talents:list"), {"region": world.org_other_province.region_id})
    form = foreign.context["filter"].form
    assert world.org_other_province.region not in form.fields["region"].queryset
    assert "region" in form.errors
    assert "广州人才" in foreign.content.decode()


def test_htmx_filtering_returns_only_the_table(client_for, world):
    TalentFactory(employer=world.org, name="张三")
    client = client_for(world.clerk)
    fragment = client.get(reverse("talents:list"), {"q": "张"}, headers=HTMX_TABLE)
    content = fragment.content.decode()
    assert "张三" in content
    assert "<html" not in content and 'id="talent-filters"' not in content
    assert "HX-Request" in fragment.headers["Vary"]
    # A history restore wants the whole page again.
    restore = client.get(reverse("talents:list"), headers={**HTMX_TABLE, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_list_page_has_htmx_filters_that_also_work_without_javascript(client_for, world):
    page = client_for(world.clerk).get(reverse("talents:list")).content.decode()
    assert 'method="get" action="/talents/"' in page
    assert 'hx-target="#talent-table"' in page and 'hx-push-url="true"' in page
    assert 'data-export="talents.registry"' in page  # the export posts the filters (exports app)


def test_list_is_paginated_by_fifty_and_keeps_the_filters(client_for, world):
    TalentFactory.create_batch(51, employer=world.org, frontline=True)
    client = client_for(world.clerk)
    first = client.get(reverse("talents:list"), {"frontline": "true"})
    assert len(first.context["talents"]) == 50
    assert "frontline=true&amp;page=2" in first.content.decode()
    second = client.get(reverse("talents:list"), {"frontline": "true", "page": 2})
    assert len(second.context["talents"]) == 1
    assert client.get(reverse("talents:list"), {"page": 99}).context["page"].number == 2


def test_clerks_get_the_register_and_upload_buttons_officials_do_not(client_for, world):
    assert 'href="/talents/new/"' in client_for(world.clerk).get(reverse("talents:list")).content.decode()
    assert 'href="/talents/new/"' not in client_for(world.city_official).get(reverse("talents:list")).content.decode()


def count_queries(client, url, data=None, headers=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {}, headers=headers or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("role", "query", "headers"),
    [
        ("enterprise_clerk", {}, {}),
        ("provincial_official", {}, {}),
        ("national_official", {"frontline": "true", "q": "人才", "skill_level": "technician"}, {}),
        ("city_official", {}, HTMX_TABLE),
    ],
)
def test_list_uses_a_constant_number_of_queries(client_for, world, django_assert_num_queries, role, query, headers):
    client = as_user(client_for, world, role)
    url = reverse("talents:list")
    first = TalentFactory(employer=world.org, name="人才0")
    CredentialFactory(talent=first)
    baseline = count_queries(client, url, query, headers)  # one row
    for talent in TalentFactory.create_batch(9, employer=world.org):
        CredentialFactory(talent=talent)
    with django_assert_num_queries(baseline):  # ten rows, same queries
        response = client.get(url, query, headers=headers)
    assert len(response.context["talents"]) == 10


def test_list_query_count_is_pinned(client_for, world, django_assert_num_queries):
    """session, user, page (51 rows at most: no COUNT, docs/scale.md), the four catalogue choices of the
    filter form, the unread count; the exact count on demand is one query more."""
    client = client_for(world.provincial_official)
    TalentFactory.create_batch(10, employer=world.org)
    client.get(reverse("talents:list"))  # the first request of a session saves it
    with django_assert_num_queries(8):
        response = client.get(reverse("talents:list"))
    assert "count=1" in response.content.decode()
    with django_assert_num_queries(9):
        assert client.get(reverse("talents:list"), {"count": "1"}).context["page"].paginator.count == 10


# One talent


@pytest.mark.parametrize("role", ALLOWED)
def test_registry_roles_open_a_talent_in_scope(client_for, world, role):
    talent = TalentFactory(employer=world.org)
    assert as_user(client_for, world, role).get(reverse("talents:detail", args=[talent.pk])).status_code == 200


def test_experts_may_not_open_a_talent(client_for, world):
    talent = TalentFactory(employer=world.org)
    assert client_for(world.expert).get(reverse("talents:detail", args=[talent.pk])).status_code == 403


@pytest.mark.parametrize("user", OUT_OF_SCOPE)
def test_a_talent_out_of_scope_is_not_found(client_for, world, user):
    talent = TalentFactory(employer=world.org)
    assert client_for(getattr(world, user)).get(reverse("talents:detail", args=[talent.pk])).status_code == 404


def test_a_missing_talent_is_not_found(client_for, world):
    assert client_for(world.national_official).get(reverse("talents:detail", args=[999999])).status_code == 404


def test_detail_shows_credentials_honours_and_trail_but_only_the_masked_number(client_for, world):
    talent = TalentFactory(employer=world.org, name="张三")
    CredentialFactory(talent=talent, certificate_number="S-2020-0001")
    TitleCredentialFactory(talent=talent, certificate_number="T-2021-0002")
    HonourFactory(talent=talent, conferring_body="人力资源社会保障部")
    audit_record(actor=world.clerk, obj=talent, action="create", to_state="registered")
    response = client_for(world.clerk).get(reverse("talents:detail", args=[talent.pk]))
    page = response.content.decode()
    assert "张三" in page
    assert talent.masked_id_number in page
    assert talent.id_number not in page
    assert talent.birth_date.strftime("%Y-%m-%d") not in page  # the masked digits are the birth date
    assert "S-2020-0001" in page and "T-2021-0002" in page
    assert "人力资源社会保障部" in page
    assert [entry.action for entry in response.context["audit_trail"]] == ["create"]
    assert "no-store" in response["Cache-Control"]


def test_detail_uses_a_constant_number_of_queries(client_for, world, django_assert_num_queries):
    talent = TalentFactory(employer=world.org)
    client = client_for(world.provincial_official)
    CredentialFactory(talent=talent)
    HonourFactory(talent=talent)
    audit_record(actor=world.clerk, obj=talent, action="create")
    url = reverse("talents:detail", args=[talent.pk])
    baseline = count_queries(client, url)
    CredentialFactory.create_batch(9, talent=talent)
    TitleCredentialFactory.create_batch(3, talent=talent)
    for year in range(2010, 2019):
        HonourFactory(talent=talent, conferred_on=f"{year}-01-01")
    for _ in range(9):
        audit_record(actor=world.clerk, obj=talent, action="update")
    with django_assert_num_queries(baseline):
        client.get(url)


def test_only_officials_get_the_reveal_button_and_only_the_employer_clerk_the_edit_links(client_for, world):
    talent = TalentFactory(employer=world.org)
    url = reverse("talents:detail", args=[talent.pk])
    reveal = reverse("talents:reveal-id", args=[talent.pk])
    edit = reverse("talents:edit", args=[talent.pk])
    clerk_page = client_for(world.clerk).get(url).content.decode()
    assert reveal not in clerk_page and edit in clerk_page
    official_page = client_for(world.city_official).get(url).content.decode()
    assert reveal in official_page and edit not in official_page
    assert reverse("talents:honour-create", args=[talent.pk]) in official_page


# The audited reveal


@pytest.mark.parametrize("role", OFFICIALS)
def test_officials_reveal_the_full_number_with_an_audit_entry(client_for, world, role):
    talent = TalentFactory(employer=world.org)
    user = world.users_by_role()[role]
    response = client_for(user).post(
        reverse("talents:reveal-id", args=[talent.pk]), {"reason": "核对申报材料"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert talent.id_number in content
    assert "<html" not in content  # a fragment for htmx
    assert "no-store" in response["Cache-Control"]
    entry = AuditLog.objects.for_object(talent).get()
    assert (entry.action, entry.actor, entry.comment) == ("reveal_id_number", user, "核对申报材料")


def test_reveal_without_javascript_renders_a_page(client_for, world):
    talent = TalentFactory(employer=world.org)
    response = client_for(world.provincial_official).post(
        reverse("talents:reveal-id", args=[talent.pk]), {"reason": "核对"}
    )
    assert response.status_code == 200
    assert "<html" in response.content.decode() and talent.id_number in response.content.decode()
    assert AuditLog.objects.filter(action="reveal_id_number").count() == 1


def test_reveal_needs_a_reason(client_for, world):
    talent = TalentFactory(employer=world.org)
    response = client_for(world.city_official).post(
        reverse("talents:reveal-id", args=[talent.pk]), {"reason": "   "}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert talent.id_number not in response.content.decode()
    assert "errorlist" in response.content.decode()
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("role", ["enterprise_clerk", "expert"])
def test_non_officials_may_not_reveal(client_for, world, role):
    talent = TalentFactory(employer=world.org)
    response = as_user(client_for, world, role).post(reverse("talents:reveal-id", args=[talent.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert talent.id_number not in response.content.decode()
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("user", ["city_official_other_city", "provincial_official_other"])
def test_officials_cannot_reveal_out_of_scope(client_for, world, user):
    talent = TalentFactory(employer=world.org)
    response = client_for(getattr(world, user)).post(reverse("talents:reveal-id", args=[talent.pk]), {"reason": "x"})
    assert response.status_code == 404
    assert not AuditLog.objects.exists()


def test_reveal_is_post_only(client_for, world):
    talent = TalentFactory(employer=world.org)
    assert client_for(world.city_official).get(reverse("talents:reveal-id", args=[talent.pk])).status_code == 405


def test_the_reveal_appears_in_the_trail(client_for, world):
    talent = TalentFactory(employer=world.org)
    client = in_english(client_for(world.city_official))
    client.post(reverse("talents:reveal-id", args=[talent.pk]), {"reason": "审核"})
    page = client.get(reverse("talents:detail", args=[talent.pk])).content.decode()
    assert "Full ID number revealed" in page and "审核" in page
