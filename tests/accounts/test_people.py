"""People are named in their own order with their organisation (docs/conventions.md): one helper,
``User.display_name`` and the ``person`` filter, used by the header, decisions, runs and audit trails."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from evaluations.services.review import dossier_review
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def test_a_chinese_name_reads_family_name_first_without_a_space():
    user = UserFactory.build(first_name="建平", last_name="李")
    assert user.get_full_name() == "李建平" and user.display_name == "李建平"


def test_a_western_name_keeps_given_name_first_and_no_name_falls_back_to_the_username():
    assert UserFactory.build(first_name="Anna", last_name="Berg").display_name == "Anna Berg"
    assert UserFactory.build(username="clerk_x", first_name="", last_name="").display_name == "clerk_x"


def test_the_person_filter_adds_the_organisation_or_an_officials_region():
    org = OrganisationFactory(name="广州精工机械有限公司")
    clerk = UserFactory(first_name="建平", last_name="李", organisation=org)
    official = UserFactory(
        first_name="敏", last_name="王", role=Role.CITY_OFFICIAL, organisation=None, region=region("440100")
    )
    template = Template("{% load people %}{{ a|person }}|{{ b|person }}|{{ c|person:'clerk_gz' }}")
    with translation.override("zh-hans"):
        text = template.render(Context({"a": clerk, "b": official, "c": None}))
    assert text == f"李建平（广州精工机械有限公司）|王敏（{official.region}）|clerk_gz"


def test_the_header_and_the_dossier_audit_trail_show_full_names_not_usernames(world, client):
    world.clerk.first_name, world.clerk.last_name = "建平", "李"
    world.clerk.save(update_fields=["first_name", "last_name"])
    world.city_official.first_name, world.city_official.last_name = "敏", "王"
    world.city_official.save(update_fields=["first_name", "last_name"])
    dossier = submitted_dossier(world.org)
    dossier_review(actor=world.city_official, dossier=dossier, decision="return", comment="请补充材料")
    client.force_login(world.city_official)
    with translation.override("zh-hans"):
        body = client.get(reverse("evaluations:dossier-detail", args=[dossier.pk])).content.decode()
    assert 'aria-expanded="false">王敏<' in body  # the header's account menu
    trail = body[body.index('id="audit-trail"') :]
    assert f"王敏（{world.city_official.region}）" in trail
    assert world.city_official.username not in trail and "敏 王" not in body
