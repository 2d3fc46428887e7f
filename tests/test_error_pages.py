"""Issue 15 item 6: branded, translated 403 and 404 pages with a way back, and the edges seen on the
way (an expert's breadcrumb, the notice close button, 未通过, 不限)."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.templatetags.portal_numbers import figure, figure_text
from evaluations.models import DossierStatus
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import EvidenceItemFactory, add_members
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def test_a_forbidden_page_is_the_portals_own_in_chinese_with_a_way_back(world, client_for):
    response = client_for(world.clerk).get(reverse("evaluations:review-queue"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-error-status="403"' in html and "data-way-back" in html
    assert f'href="{reverse("dashboard")}"' in html and 'class="navbar' in html
    assert "403 Forbidden" not in html


def test_a_missing_page_is_branded_and_translated(world, client_for):
    client = client_for(world.clerk)
    client.post(reverse("set_language"), {"language": "zh-hans"})
    response = client.get("/evaluations/dossiers/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-error-status="404"' in html and "data-way-back" in html
    with translation.override("zh-hans"):
        assert translation.gettext("Page not found") in html


def test_an_experts_breadcrumb_leads_to_their_assessment_queue(world, client_for):
    panel = make_panel(size=1, status=DossierStatus.IN_ASSESSMENT)
    add_members(panel.committee, [world.expert])
    client = client_for(world.expert)
    html = client.get(reverse("evaluations:dossier-detail", args=[panel.dossier.pk])).content.decode()
    breadcrumb = html[html.index('class="breadcrumb"') : html.index("</ol>")]
    assert reverse("evaluations:expert-queue") in breadcrumb
    assert reverse("evaluations:dossier-list") not in breadcrumb
    for href in (reverse("evaluations:expert-queue"),):
        assert client.get(href).status_code == 200


def test_a_failed_dossier_reads_wei_tong_guo_and_the_gender_filter_reads_bu_xian(world, client_for):
    with translation.override("zh-hans"):
        assert str(DossierStatus.FAILED.label) == "未通过"
        html = client_for(world.city_official).get(reverse("talents:list")).content.decode()
    assert "---------" not in html


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        (9876, "zh-hans", "9,876"),
        (12500, "zh-hans", "1.25万"),
        (10000, "zh-hans", "1万"),
        (234_560_000, "zh-hans", "2.35亿"),
        (12500, "en", "12,500"),
        (None, "zh-hans", ""),
    ],
)
def test_large_numbers_are_grouped_and_shown_in_wan(value, language, shown):
    with translation.override(language):
        assert figure_text(value) == shown


def test_the_figure_filter_keeps_the_exact_number_in_its_title():
    with translation.override("zh-hans"):
        assert figure(12500) == '<span title="12,500">1.25万</span>'
        assert figure(12) == "12"


def test_the_api_menu_item_only_for_roles_that_use_it(world, client_for):
    api = f'href="{reverse("api-docs")}"'
    assert api not in client_for(world.expert).get(reverse("dashboard")).content.decode()
    assert api not in client_for(world.city_official).get(reverse("dashboard")).content.decode()
    assert api in client_for(world.provincial_official).get(reverse("dashboard")).content.decode()
    assert api in client_for(world.clerk).get(reverse("dashboard")).content.decode()


def test_withdrawing_and_removing_ask_for_confirmation(world, client_for):
    dossier = submitted_dossier(world.org, status=DossierStatus.DRAFT)
    EvidenceItemFactory(dossier=dossier)
    html = client_for(world.clerk).get(reverse("evaluations:dossier-edit", args=[dossier.pk])).content.decode()
    removal = html[html.index(reverse("evaluations:evidence-remove", args=[dossier.pk, dossier.evidence.get().pk])) :]
    assert removal.split(">", 1)[0].count("data-confirm=") == 1
    assert "data-confirm" in open("static/js/portal.js", encoding="utf-8").read()


def test_a_run_start_message_appears_once(world, client_for):
    client = client_for(world.provincial_official)
    response = client.post(reverse("eligibility:run-start"), {"scope": "440000"}, follow=True)
    assert response.status_code == 200 and response.redirect_chain
    html = response.content.decode()
    with translation.override("zh-hans"):
        chinese = translation.gettext("The batch run has started.")
    assert html.count("The batch run has started.") + (html.count(chinese) if chinese[0] != "T" else 0) == 1
