"""The Django admin: scoped for staff who are not superusers, registry read-only and masked, writes audited."""

import datetime
import itertools

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditLog, Organisation, Role, User
from accounts.services import audit_record
from catalogues.models import Award, SkillLevel
from talents.models import Credential, Honour, Talent
from talents.validators import id_number_from_parts
from tests.accounts.factories import region
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory

# Numbers of our own (Nanshan, Shenzhen): the shared factory's counter shifts birth dates after 500 uses.
_numbers = itertools.count()


def make_talent(**fields) -> Talent:
    n = next(_numbers)
    number = id_number_from_parts(
        "440305", datetime.date(1979, 1, 1) + datetime.timedelta(days=n // 500), n % 500, True
    )
    return TalentFactory(id_number=number, **fields)


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def registry(world):
    """One talent, with a credential and an honour, in Guangzhou, Shenzhen and Nanjing."""
    talents = {
        "guangzhou": make_talent(name="广州人才", employer=world.org),
        "shenzhen": make_talent(name="深圳人才", employer=world.org_other_city),
        "nanjing": make_talent(name="南京人才", employer=world.org_other_province),
    }
    for talent in talents.values():
        CredentialFactory(talent=talent)
        HonourFactory(talent=talent)
    return talents


@pytest.fixture
def staff_province(world):
    """The Guangdong provincial official, as staff with view permissions on the registry and accounts."""
    user = world.provincial_official
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_talent",
                "view_credential",
                "view_honour",
                "view_organisation",
                "view_user",
                "view_auditlog",
                "view_skilllevel",
            ]
        )
    )
    return User.objects.get(pk=user.pk)


def test_superuser_sees_every_talent_in_the_changelist(client_for, world, registry):
    response = client_for(world.admin).get(changelist(Talent))
    assert response.status_code == 200
    assert {t.name for t in response.context["cl"].result_list} == {"广州人才", "深圳人才", "南京人才"}


def test_provincial_staff_sees_only_its_province(client_for, staff_province, registry):
    client = client_for(staff_province)
    response = client.get(changelist(Talent))
    assert response.status_code == 200
    assert {t.name for t in response.context["cl"].result_list} == {"广州人才", "深圳人才"}
    for model in ("credential", "honour"):
        response = client.get(reverse(f"admin:talents_{model}_changelist"))
        names = {row.talent.name for row in response.context["cl"].result_list}
        assert names == {"广州人才", "深圳人才"}, model
    organisations = client.get(changelist(Organisation)).context["cl"].result_list
    assert "南京汽车零部件有限公司" not in {o.name for o in organisations}


def test_another_provinces_talent_is_not_shown_to_provincial_staff(client_for, staff_province, registry):
    client = client_for(staff_province)
    nanjing = registry["nanjing"]
    response = client.get(change(nanjing))
    # The admin answers a missing object with a redirect to its index: the same as for a foreign one.
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or response.url == reverse("admin:index")
    assert nanjing.name not in client.get(reverse("admin:index"), follow=True).content.decode()
    for obj in (nanjing.credentials.get(), nanjing.honours.get()):
        assert client.get(change(obj)).status_code in (302, 404)
    assert client.get(change(registry["shenzhen"])).status_code == 200


def test_provincial_staff_without_write_rights_cannot_add_or_change_catalogues(client_for, staff_province):
    client = client_for(staff_province)
    level = SkillLevel.objects.get(code="technician")
    assert client.get(changelist(SkillLevel)).status_code == 200
    assert client.get(reverse("admin:catalogues_skilllevel_add")).status_code == 403
    response = client.post(change(level), {"code": "technician", "name": "改", "rank": level.rank})
    assert response.status_code == 403
    level.refresh_from_db()
    assert level.name == "二级/技师"


def test_staff_see_only_their_own_audit_entries(client_for, staff_province, world):
    audit_record(actor=staff_province, obj=world.org, action="review")
    audit_record(actor=world.clerk, obj=world.org, action="create")
    rows = client_for(staff_province).get(changelist(AuditLog)).context["cl"].result_list
    assert [entry.actor_username for entry in rows] == ["province"]


def test_id_numbers_are_masked_in_changelists_and_change_pages(client_for, world, registry):
    client = client_for(world.admin)
    talent = registry["guangzhou"]
    pages = [
        client.get(changelist(Talent)),
        client.get(change(talent)),
        client.get(reverse("admin:talents_credential_changelist")),
        client.get(reverse("admin:talents_honour_changelist")),
        client.get(change(talent.credentials.get())),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert talent.masked_id_number in html
        assert talent.id_number not in html


def test_admin_search_matches_name_and_the_visible_parts_of_an_id_number(client_for, world, registry):
    client = client_for(world.admin)
    talent = registry["nanjing"]

    def found(term):
        return {t.name for t in client.get(changelist(Talent), {"q": term}).context["cl"].result_list}

    assert found("南京") == {"南京人才"}
    assert found(talent.id_number[-4:]) >= {"南京人才"}
    # The hidden middle of a number is not searchable, as in the portal.
    assert talent.name not in found(talent.id_number[6:14])


@pytest.mark.parametrize("model", ["talent", "credential", "honour", "auditlog"])
def test_registry_and_audit_log_are_read_only_even_for_superusers(client_for, world, registry, model):
    client = client_for(world.admin)
    talent = registry["guangzhou"]
    audit_record(actor=world.admin, obj=world.org, action="review")
    obj = {
        "talent": talent,
        "credential": talent.credentials.first(),
        "honour": talent.honours.first(),
        "auditlog": AuditLog.objects.first(),
    }[model]
    app = obj._meta.app_label
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
    assert client.get(reverse(f"admin:{app}_{model}_delete", args=[obj.pk])).status_code == 403
    response = client.get(change(obj))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    before = Talent.objects.get(pk=talent.pk).name
    assert client.post(change(talent), {"name": "改名"}).status_code == 403
    assert Talent.objects.get(pk=talent.pk).name == before


def test_catalogue_changes_in_the_admin_are_audited(client_for, world):
    client = client_for(world.admin)
    level = SkillLevel.objects.get(code="technician")
    response = client.post(
        change(level),
        {
            "code": "technician",
            "name": "二级/技师（修订）",
            "name_en": level.name_en,
            "rank": level.rank,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditLog.objects.for_object(level).get()
    assert (entry.actor, entry.action) == (world.admin, "admin_change")
    assert "name" in entry.comment

    response = client.post(
        reverse("admin:catalogues_award_add"),
        {"code": "demo_city_award", "name": "市级表彰", "name_en": "City award", "level": "city", "is_active": "on"},
    )
    assert response.status_code == 302
    award = Award.objects.get(code="demo_city_award")
    assert AuditLog.objects.for_object(award).get().action == "admin_create"

    response = client.post(reverse("admin:catalogues_award_delete", args=[award.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Award.objects.filter(code="demo_city_award").exists()
    assert AuditLog.objects.filter(action="admin_delete", object_id=str(award.pk), object_repr="市级表彰").exists()


def test_bulk_delete_action_is_audited_per_object(client_for, world):
    awards = [Award.objects.create(code=f"demo_{n}", name=f"表彰{n}", level="city") for n in range(2)]
    response = client_for(world.admin).post(
        changelist(Award),
        {"action": "delete_selected", "_selected_action": [a.pk for a in awards], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Award.objects.filter(code__startswith="demo_").exists()
    assert AuditLog.objects.filter(action="admin_delete").count() == 2


def organisation_form(organisation, **changes):
    form = {
        "credit_code": organisation.credit_code,
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region_id,
        "above_designated_size": "on" if organisation.above_designated_size else "",
        "self_evaluation_reason": "",
    }
    if organisation.may_self_evaluate:
        form["may_self_evaluate"] = "on"
    form.update(changes)
    return {k: v for k, v in form.items() if v != ""}


def test_granting_self_evaluation_in_the_admin_needs_a_reason_and_goes_through_the_service(client_for, world):
    client = client_for(world.admin)
    response = client.post(change(world.org), organisation_form(world.org, may_self_evaluate="on"))
    assert response.status_code == 200  # the form again, with the missing reason
    world.org.refresh_from_db()
    assert not world.org.may_self_evaluate

    form = organisation_form(world.org, may_self_evaluate="on", name="广州精工机械股份有限公司")
    form["self_evaluation_reason"] = "技术实力强，管理规范（粤人社函〔2025〕1号）"
    form["self_evaluation_confirmed"] = ["talent_intensive", "technically_strong", "above_designated_size"]
    assert client.post(change(world.org), form).status_code == 200  # three of the four criteria: refused
    world.org.refresh_from_db()
    assert not world.org.may_self_evaluate
    form["self_evaluation_confirmed"] = [*form["self_evaluation_confirmed"], "standardised_management"]
    assert client.post(change(world.org), form).status_code == 302
    world.org.refresh_from_db()
    assert world.org.may_self_evaluate and world.org.name == "广州精工机械股份有限公司"
    assert len(world.org.self_evaluation_criteria) == 4
    entries = {e.action: e for e in AuditLog.objects.for_object(world.org)}
    assert set(entries) == {"admin_change", "set_self_evaluation"}
    assert (entries["set_self_evaluation"].from_state, entries["set_self_evaluation"].to_state) == ("false", "true")
    assert "粤人社函" in entries["set_self_evaluation"].comment
    assert "may_self_evaluate" not in entries["admin_change"].comment


def test_organisation_credit_code_is_validated_in_the_admin(client_for, world):
    form = organisation_form(world.org, credit_code=world.org.credit_code[:-1] + "0")
    if form["credit_code"] == world.org.credit_code:
        form["credit_code"] = world.org.credit_code[:-1] + "1"
    response = client_for(world.admin).post(change(world.org), form)
    assert response.status_code == 200
    assert "credit_code" in response.context["adminform"].form.errors


def test_superuser_adds_a_clerk_with_role_and_organisation(client_for, world):
    response = client_for(world.admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "new_clerk",
            "usable_password": "true",
            "password1": "a-Long-demo-pass-42",
            "password2": "a-Long-demo-pass-42",
            "role": Role.ENTERPRISE_CLERK,
            "organisation": world.org.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="new_clerk")
    assert (user.role, user.organisation) == (Role.ENTERPRISE_CLERK, world.org)
    assert AuditLog.objects.for_object(user).get().action == "admin_create"


def test_an_official_needs_a_region_of_the_roles_level(client_for, world):
    response = client_for(world.admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "bad_official",
            "usable_password": "true",
            "password1": "a-Long-demo-pass-42",
            "password2": "a-Long-demo-pass-42",
            "role": Role.PROVINCIAL_OFFICIAL,
            "region": region("440100").pk,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="bad_official").exists()


def test_every_registered_model_renders_its_changelist_and_change_page_for_the_superuser(client_for, world, registry):
    client = client_for(world.admin)
    audit_record(actor=world.admin, obj=world.org, action="review")
    for model, model_admin in admin.site._registry.items():
        response = client.get(changelist(model))
        assert response.status_code == 200, model
        obj = model_admin.get_queryset(response.wsgi_request).first()
        if obj is not None:
            assert client.get(change(obj)).status_code == 200, model
        add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        assert client.get(add).status_code in (200, 403), model


def test_every_registered_model_renders_its_changelist_for_scoped_staff(client_for, staff_province, registry):
    staff_province.user_permissions.set(
        Permission.objects.filter(
            codename__startswith="view_", content_type__app_label__in=["accounts", "catalogues", "talents"]
        )
    )
    client = client_for(staff_province)
    for model in admin.site._registry:
        if model._meta.app_label in ("accounts", "catalogues", "talents"):
            assert client.get(changelist(model)).status_code == 200, model


@pytest.mark.parametrize("model", [Talent, Credential, Honour])
def test_registry_changelist_queries_do_not_grow_with_rows(
    client_for, staff_province, django_assert_num_queries, model
):
    client = client_for(staff_province)
    CredentialFactory(talent=HonourFactory(talent=make_talent(employer=staff_province_org(staff_province))).talent)
    client.get(changelist(model))  # warm the caches (content types, permissions)
    with CaptureQueriesContext(connection) as one_row:
        assert len(client.get(changelist(model)).context["cl"].result_list) == 1
    for _ in range(9):
        CredentialFactory(talent=HonourFactory(talent=make_talent(employer=staff_province_org(staff_province))).talent)
    with django_assert_num_queries(len(one_row)):
        assert len(client.get(changelist(model)).context["cl"].result_list) == 10


def staff_province_org(user) -> Organisation:
    return Organisation.objects.filter(region__parent=user.region).first()
