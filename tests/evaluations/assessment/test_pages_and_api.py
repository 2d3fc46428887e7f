import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role
from evaluations.models import DossierStatus, Method, Score, Vote
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.assessment.factories import make_panel, score_all, votes
from tests.evaluations.factories import DossierFactory, ExpertFactory, freeze_revision
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
S = DossierStatus


def province_official():
    return UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region("440000"))


# Pages


def test_score_form_posts_through_the_service(client_for):
    panel = make_panel()
    client = client_for(panel.experts[1])
    response = client.post(
        reverse("evaluations:score-enter", args=[panel.dossier.pk]), {"method": Method.THEORY_EXAM, "value": "77"}
    )
    assert response.status_code == 302
    assert Score.objects.get().value == 77


def test_score_refusal_comes_back_as_message(client_for):
    panel = make_panel()
    client = client_for(panel.experts[1])
    response = client.post(
        reverse("evaluations:score-enter", args=[panel.dossier.pk]),
        {"method": Method.INTERVIEW_DEFENCE, "value": "77"},
        follow=True,
    )
    assert not Score.objects.exists()
    assert any("method" in str(m) or "方式" in str(m) or "不" in str(m) for m in response.context["messages"])


def test_conflicted_member_gets_403_page(client_for):
    panel = make_panel()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    response = client_for(colleague).post(
        reverse("evaluations:score-enter", args=[panel.dossier.pk]), {"method": Method.THEORY_EXAM, "value": "77"}
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_expert_of_another_committee_gets_404(client_for):
    panel = make_panel()
    response = client_for(ExpertFactory()).post(
        reverse("evaluations:vote-cast", args=[panel.dossier.pk]), {"choice": "yes"}
    )
    assert response.status_code == 404


def test_vote_complete_and_decide_pages(client_for):
    panel = make_panel()
    score_all(panel)
    client = client_for(panel.chair)
    client.post(reverse("evaluations:assessment-complete", args=[panel.dossier.pk]))
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.IN_COMMITTEE
    for expert in panel.experts[:2]:
        client_for(expert).post(reverse("evaluations:vote-cast", args=[panel.dossier.pk]), {"choice": "yes"})
    assert Vote.objects.count() == 2
    client_for(panel.chair).post(reverse("evaluations:committee-decide", args=[panel.dossier.pk]))
    panel.dossier.refresh_from_db()
    assert panel.dossier.status == S.PASSED


def _render_panel(user, dossier):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("evaluations/dossiers/_assessment_panel.html", {"dossier": dossier}, request=request)


def test_panel_for_member_chair_official_and_clerk():
    panel = make_panel()
    score_all(panel, value=66, experts=panel.experts[1:2])
    member_html = _render_panel(panel.experts[2], panel.dossier)
    assert 'name="value_' in member_html and "66.00" not in member_html  # members see only their own
    chair_html = _render_panel(panel.chair, panel.dossier)
    assert "66.00" in chair_html and "assessment-complete" in chair_html
    clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=panel.dossier.organisation)
    assert "assessment-panel" not in _render_panel(clerk, panel.dossier)


def test_panel_shows_tally_to_officials_in_committee():
    panel = make_panel(status=S.IN_COMMITTEE)
    votes(panel, "yes", "no")
    html = _render_panel(province_official(), panel.dossier)
    assert 'id="vote-tally"' in html and "committee-decide" in html


def test_panel_warns_conflicted_member():
    panel = make_panel()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    html = _render_panel(colleague, panel.dossier)
    assert "alert-warning" in html and 'name="value_' not in html


# Session, user, unread notifications, the page's count, its rows, the round filter's choices: the same
# whatever the number of rows.
QUEUE_QUERIES = 5  # no COUNT (accounts.pagination.fast_page)


def test_expert_queue_lists_only_own_committees_dossiers_in_constant_queries(client_for, django_assert_num_queries):
    panel = make_panel()
    expert = panel.experts[1]
    make_panel()  # another committee's dossier
    client = client_for(expert)
    url = reverse("evaluations:expert-queue")
    client.get(url)
    with django_assert_num_queries(QUEUE_QUERIES):  # the same with 1 row as with 6
        response = client.get(url)
    assert [d.pk for d in response.context["dossiers"]] == [panel.dossier.pk]
    for _ in range(5):
        dossier = DossierFactory(
            round=panel.round,
            talent=TalentFactory(employer=OrganisationFactory(region=region("440100"))),
            status=S.IN_COMMITTEE,
        )
        freeze_revision(dossier)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(url)
    assert len(response.context["dossiers"]) == 6


def test_expert_queue_refused_to_clerks(world, client_for):
    assert client_for(world.clerk).get(reverse("evaluations:expert-queue")).status_code == 403


# API


def test_api_scores_post_and_list(client_for):
    panel = make_panel()
    client = client_for(panel.experts[1])
    url = f"/api/v1/dossiers/{panel.dossier.pk}/scores/"
    created = client.post(url, {"method": "theory_exam", "value": "81.5"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["value"] == "81.50"
    body = client.get(url).json()
    assert [s["value"] for s in body["scores"]] == ["81.50"]
    assert body["methods"][0]["mean"] is None  # a member does not see the means
    chair_body = client_for(panel.chair).get(url).json()
    assert chair_body["methods"][0]["mean"] == "81.50"


def test_api_score_errors(client_for):
    panel = make_panel()
    url = f"/api/v1/dossiers/{panel.dossier.pk}/scores/"
    client = client_for(panel.experts[1])
    bad = client.post(url, {"method": "theory_exam", "value": "101"}, content_type="application/json")
    assert bad.status_code == 400 and "value" in bad.json()
    colleague = ExpertFactory(organisation=panel.dossier.organisation)
    panel.committee.committeemember_set.create(expert=colleague)
    conflicted = client_for(colleague).post(
        url, {"method": "theory_exam", "value": 70}, content_type="application/json"
    )
    assert conflicted.status_code == 403 and conflicted.json()["code"] == "conflicted"
    clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=panel.dossier.organisation)
    assert client_for(clerk).get(url).status_code == 403


def test_api_scores_list_constant_queries(client_for, django_assert_num_queries):
    panel = make_panel(size=2)
    client = client_for(panel.chair)
    url = f"/api/v1/dossiers/{panel.dossier.pk}/scores/"
    Score.objects.create(
        dossier=panel.dossier,
        revision=panel.dossier.current_revision,
        method="theory_exam",
        expert=panel.chair,
        value=70,
    )
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    score_all(panel, experts=panel.experts[1:])
    with django_assert_num_queries(6):
        assert len(client.get(url).json()["scores"]) == 3


def test_api_votes_tally_constant_queries(client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    panel = make_panel(size=6, status=S.IN_COMMITTEE)
    client = client_for(panel.chair)
    url = f"/api/v1/dossiers/{panel.dossier.pk}/votes/"
    votes(panel, "yes")
    client.get(url)  # the session and caches warm
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).json()["cast"] == 1
    Vote.objects.all().delete()
    votes(panel, "yes", "no", "abstain", "yes", "yes", "no")
    with django_assert_num_queries(len(one)):
        tally = client.get(url).json()
    assert (tally["cast"], tally["yes"], tally["no"], tally["abstain"], tally["members"]) == (6, 3, 2, 1, 6)


def test_api_votes_second_is_409_and_tally(client_for):
    panel = make_panel(status=S.IN_COMMITTEE)
    url = f"/api/v1/dossiers/{panel.dossier.pk}/votes/"
    client = client_for(panel.experts[1])
    assert client.post(url, {"choice": "yes"}, content_type="application/json").status_code == 201
    second = client.post(url, {"choice": "no"}, content_type="application/json")
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    assert client.get(url).status_code == 403  # a plain member does not see the tally
    tally = client_for(panel.chair).get(url).json()
    assert tally["yes"] == 1 and tally["cast"] == 1 and tally["members"] == 3 and not tally["quorum_reached"]


def test_api_decide_no_quorum_409_then_pass(client_for):
    panel = make_panel(status=S.IN_COMMITTEE)
    score_all(panel)
    url = f"/api/v1/dossiers/{panel.dossier.pk}/decide/"
    votes(panel, "yes")
    refused = client_for(panel.chair).post(url)
    assert refused.status_code == 409 and refused.json()["code"] == "quorum_not_reached"
    Vote.objects.create(
        dossier=panel.dossier, revision=panel.dossier.current_revision, expert=panel.experts[1], choice="yes"
    )
    answer = client_for(province_official()).post(url)
    assert answer.status_code == 200 and answer.json()["status"] == S.PASSED


def test_api_complete_scoring(client_for):
    panel = make_panel()
    url = f"/api/v1/dossiers/{panel.dossier.pk}/scores/complete/"
    assert client_for(panel.chair).post(url).status_code == 409
    score_all(panel)
    assert client_for(panel.chair).post(url).json()["status"] == S.IN_COMMITTEE


def test_dossier_page_includes_the_panel_for_a_member(client_for):
    panel = make_panel()
    response = client_for(panel.experts[1]).get(reverse("evaluations:dossier-detail", args=[panel.dossier.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="assessment-panel"' in html and reverse("evaluations:score-enter", args=[panel.dossier.pk]) in html


def test_panel_links_publish_for_province_and_certificate_for_clerk():
    from evaluations.services.certificates import certificate_issue

    passed = make_panel(status=S.PASSED)
    html = _render_panel(province_official(), passed.dossier)
    assert reverse("evaluations:notice-publish", args=[passed.round.pk]) in html
    published = make_panel(status=S.IN_PUBLICITY)
    certificate = certificate_issue(dossier=published.dossier)
    published.dossier.status = S.CERTIFIED
    published.dossier.save(update_fields=["status"])
    clerk = UserFactory(role=Role.ENTERPRISE_CLERK, organisation=published.dossier.organisation)
    html = _render_panel(clerk, published.dossier)
    assert reverse("evaluations:certificate-pdf", args=[certificate.pk]) in html
    assert "assessment-panel" not in html  # no scores or votes for the enterprise


def test_chair_page_shows_the_rounded_mean_as_passed_with_the_rule_stated(client_for):
    panel = make_panel(size=2, methods=[Method.THEORY_EXAM])
    panel.round.methods.update(pass_mark=60)
    for expert, value in zip(panel.experts, (59.99, 60), strict=True):
        Score.objects.create(
            dossier=panel.dossier,
            revision=panel.dossier.current_revision,
            method=Method.THEORY_EXAM,
            expert=expert,
            value=value,
        )
    html = client_for(panel.chair).get(reverse("evaluations:dossier-detail", args=[panel.dossier.pk])).content
    html = html.decode()
    row = html[html.index('id="assessment-methods"') : html.index("</table>", html.index('id="assessment-methods"'))]
    assert "60.00" in row and "bg-success" in row and "bg-danger" not in row
    assert 'id="assessment-mean-rule"' in html


def test_an_expert_enters_every_methods_score_in_one_form(client_for):
    panel = make_panel()
    client = client_for(panel.experts[1])
    page = client.get(reverse("evaluations:dossier-detail", args=[panel.dossier.pk])).content.decode()
    methods = [m.method for m in panel.round.methods.order_by("pk")]
    assert 'id="scores-form"' in page and all(f'name="value_{method}"' in page for method in methods)
    posted = {f"value_{method}": str(70 + i) for i, method in enumerate(methods)}
    response = client.post(reverse("evaluations:score-enter", args=[panel.dossier.pk]), posted)
    assert response.status_code == 302
    assert dict(Score.objects.filter(expert=panel.experts[1]).values_list("method", "value")) == {
        method: 70 + i for i, method in enumerate(methods)
    }


def test_one_bad_score_in_the_form_saves_none_and_names_each_bad_method(client_for):
    panel = make_panel()
    methods = [m.method for m in panel.round.methods.order_by("pk")]
    posted = {f"value_{method}": "101" for method in methods}
    posted[f"value_{methods[0]}"] = "80"
    response = client_for(panel.experts[1]).post(
        reverse("evaluations:score-enter", args=[panel.dossier.pk]), posted, follow=True
    )
    assert not Score.objects.exists()
    [message] = [str(m) for m in response.context["messages"]]
    assert all(str(Method(method).label) in message for method in methods[1:])
