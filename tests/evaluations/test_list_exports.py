"""The evaluations lists' xlsx exports (exports.registry): rounds, committees, the clerk's dossiers and
the experts' assessment queue. Each export holds the page's filtered rows of the requester's scope only,
ID numbers masked; a role the page refuses gets 403; writing 1 or 5 rows takes the same number of
queries. And the assessment queue's page: filters, pagination, its htmx fragment, constant queries."""

import datetime
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluations.models import DossierStatus, Score, Vote
from exports.models import Export
from tests.accounts.factories import OrganisationFactory, UserFactory, region
from tests.evaluations.assessment.factories import make_panel
from tests.evaluations.factories import (
    CommitteeFactory,
    DossierFactory,
    EvidenceItemFactory,
    ExpertFactory,
    RoundFactory,
    TitleRoundFactory,
    add_members,
    freeze_revision,
)
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ID_NUMBER = "440106198503070011"
MASKED = "440106********0011"


def start(name: str) -> str:
    return reverse("exports:start", args=[name])


def read_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def export(client, name: str, query: str = "") -> tuple[list[tuple], int]:
    """The export's rows (header first, in English) and the number of queries the request took."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(start(name) + query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return read_rows(response.content), len(queries)


def column(rows: list[tuple], header: str) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def no_full_id_number(rows) -> bool:
    return not any(ID_NUMBER in str(cell) for row in rows for cell in row)


def assert_constant_queries(client, name: str, add_rows, *, query: str = "", rows_before: int = 1) -> None:
    """Export with ``rows_before`` rows, add four more, export again: the same number of queries."""
    export(client, name, query)  # warm the process caches (level names, content types)
    rows, few = export(client, name, query)
    assert len(rows) == 1 + rows_before
    add_rows()
    rows, many = export(client, name, query)
    assert len(rows) == 1 + rows_before + 4
    assert few == many


# Rounds


def test_rounds_export_holds_the_filtered_rounds_of_the_requesters_province(world, client_for):
    open_round = RoundFactory(title="车工技师第一批")
    closed = RoundFactory(
        title="已结束的批次",
        opens_on=TODAY() - datetime.timedelta(days=60),
        closes_on=TODAY() - datetime.timedelta(days=30),
    )
    RoundFactory(title="江苏批次", region=region("320000"))
    for org in (world.org, world.org_other_city):
        DossierFactory(round=open_round, talent=TalentFactory(employer=org), status=DossierStatus.SUBMITTED)
    DossierFactory(round=open_round, talent=TalentFactory(employer=world.org))  # a draft: not the official's
    client = client_for(world.provincial_official)

    rows, _ = export(client, "evaluations.rounds")
    assert column(rows, "Title") == ["车工技师第一批", "已结束的批次"]  # no Jiangsu round; newest window first
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Window"] == "Open now" and first["Dossiers"] == 2
    assert first["Organiser"] == "HR department" and first["Committee"] == open_round.committee.name
    assert first["Target level"] and first["Series or occupation"]

    rows, _ = export(client, "evaluations.rounds", "?state=closed&page=2")
    assert column(rows, "Round") == [closed.pk]
    assert column(rows, "Window") == ["Closed"]
    assert Export.objects.filter(list_name="evaluations.rounds").latest("pk").query == {"state": "closed"}


def test_rounds_export_counts_only_the_dossiers_a_clerk_sees(world, client_for):
    round_ = RoundFactory()
    DossierFactory(round=round_, talent=TalentFactory(employer=world.org))
    DossierFactory(round=round_, talent=TalentFactory(employer=world.org_same_city), status=DossierStatus.SUBMITTED)
    rows, _ = export(client_for(world.clerk), "evaluations.rounds")
    assert column(rows, "Dossiers") == [1]


def test_rounds_export_matches_the_page(world, client_for):
    RoundFactory(title="车工第一批")
    TitleRoundFactory(title="工程职称评审")
    client = client_for(world.city_official)
    page = client.get(reverse("evaluations:round-list"), {"kind": "title_review"})
    assert 'data-export="evaluations.rounds"' in page.text
    rows, _ = export(client, "evaluations.rounds", "?kind=title_review")
    assert column(rows, "Round") == [r.pk for r in page.context["rounds"]]
    assert column(rows, "Title") == ["工程职称评审"]


def test_rounds_export_is_refused_to_a_user_without_a_role(client_for):
    response = client_for(UserFactory(role="")).post(start("evaluations.rounds"))
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_rounds_export_queries_are_constant(world, client_for):
    RoundFactory()
    assert_constant_queries(
        client_for(world.provincial_official),
        "evaluations.rounds",
        lambda: [
            DossierFactory(round=RoundFactory(), talent=TalentFactory(employer=world.org), status="submitted")
            for _ in range(4)
        ],
    )


# Committees


def test_committees_export_lists_the_provinces_committees_with_members_and_chair(world, client_for):
    committee = CommitteeFactory(name="广东省机械委员会", pass_numerator=3, pass_denominator=4)
    chair = ExpertFactory(first_name="", last_name="王主任")
    member = ExpertFactory(first_name="", last_name="李专家")
    add_members(committee, [chair, member], chair=chair)
    add_members(CommitteeFactory(name="江苏省委员会", region=region("320000")), [ExpertFactory()])

    rows, _ = export(client_for(world.provincial_official), "evaluations.committees")
    assert column(rows, "Name") == ["广东省机械委员会"]
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Chair"] == "王主任"
    assert set(line["Members"].split("、")) == {"王主任", "李专家"}
    assert (line["Number of members"], line["Quorum"], line["Pass threshold"]) == (2, "2/3", "3/4")


def test_committees_export_shows_an_expert_only_their_committees(world, client_for):
    mine = CommitteeFactory(name="我的委员会")
    add_members(mine, [world.expert])
    CommitteeFactory(name="别的委员会")
    rows, _ = export(client_for(world.expert), "evaluations.committees")
    assert column(rows, "Name") == ["我的委员会"]


@pytest.mark.parametrize("role", ["clerk", "city_official"])
def test_committees_export_is_refused_where_the_page_is(world, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("evaluations:committee-list")).status_code == 403
    assert client.post(start("evaluations.committees")).status_code == 403
    assert not Export.objects.exists()


def test_committees_export_queries_are_constant(world, client_for):
    experts = [ExpertFactory() for _ in range(3)]
    add_members(CommitteeFactory(), experts, chair=experts[0])

    def more():
        for _ in range(4):
            add_members(CommitteeFactory(), [ExpertFactory(), *experts])

    assert_constant_queries(client_for(world.provincial_official), "evaluations.committees", more)


# The clerk's dossiers


def test_my_dossiers_export_holds_the_clerks_filtered_dossiers_masked(world, client_for):
    first, second = RoundFactory(title="第一批"), RoundFactory(title="第二批")
    mine = DossierFactory(round=first, talent=TalentFactory(employer=world.org, name="张三", id_number=ID_NUMBER))
    EvidenceItemFactory(dossier=mine)
    submitted = DossierFactory(
        round=second, talent=TalentFactory(employer=world.org, name="李四"), status=DossierStatus.SUBMITTED
    )
    DossierFactory(round=first, talent=TalentFactory(employer=world.org_same_city, name="王五"))
    client = client_for(world.clerk)

    rows, _ = export(client, "evaluations.my_dossiers")
    assert sorted(column(rows, "Name")) == ["张三", "李四"]  # not the other enterprise's 王五
    assert MASKED in column(rows, "National ID number") and no_full_id_number(rows)
    line = next(dict(zip(rows[0], row, strict=True)) for row in rows[1:] if row[0] == mine.pk)
    assert (line["Round"], line["Evidence items"], line["Attachments"], line["Status"]) == ("第一批", 1, 0, "Draft")

    rows, _ = export(client, "evaluations.my_dossiers", "?status=submitted")
    assert column(rows, "Dossier") == [submitted.pk]
    rows, _ = export(client, "evaluations.my_dossiers", f"?round={first.pk}&q=张")
    assert column(rows, "Dossier") == [mine.pk]


def test_my_dossiers_export_matches_the_page(world, client_for):
    for name in ("张三", "张四", "李五"):
        DossierFactory(talent=TalentFactory(employer=world.org, name=name))
    client = client_for(world.clerk)
    page = client.get(reverse("evaluations:dossier-list"), {"q": "张"})
    assert 'data-export="evaluations.my_dossiers"' in page.text
    rows, _ = export(client, "evaluations.my_dossiers", "?q=张")
    assert column(rows, "Dossier") == [d.pk for d in page.context["dossiers"]]
    assert len(rows) == 3


@pytest.mark.parametrize("role", ["city_official", "provincial_official", "expert"])
def test_my_dossiers_export_is_refused_to_others_than_clerks(world, client_for, role):
    DossierFactory(talent=TalentFactory(employer=world.org))
    assert client_for(getattr(world, role)).post(start("evaluations.my_dossiers")).status_code == 403
    assert not Export.objects.exists()


def test_my_dossiers_export_queries_are_constant(world, client_for):
    round_ = RoundFactory()

    def dossier():
        EvidenceItemFactory(dossier=DossierFactory(round=round_, talent=TalentFactory(employer=world.org)))

    dossier()
    assert_constant_queries(client_for(world.clerk), "evaluations.my_dossiers", lambda: [dossier() for _ in range(4)])


# The experts' assessment queue


def in_committee(panel, status=DossierStatus.IN_ASSESSMENT, **talent):
    dossier = DossierFactory(
        round=panel.round,
        talent=TalentFactory(employer=OrganisationFactory(region=region("440100")), **talent),
        status=status,
    )
    freeze_revision(dossier)
    return dossier


def test_assessment_queue_export_holds_the_experts_committee_dossiers_masked(client_for):
    panel = make_panel()
    expert = panel.experts[1]
    voted = in_committee(panel, DossierStatus.IN_COMMITTEE, name="赵六", id_number=ID_NUMBER)
    Vote.objects.create(dossier=voted, revision=voted.current_revision, expert=expert, choice="yes")
    Score.objects.create(
        dossier=panel.dossier, revision=panel.dossier.current_revision, method="theory_exam", expert=expert, value=80
    )
    other = make_panel()  # another committee's dossier
    client = client_for(expert)

    rows, _ = export(client, "evaluations.assessment_queue")
    assert sorted(column(rows, "Dossier")) == sorted([panel.dossier.pk, voted.pk])
    assert other.dossier.pk not in column(rows, "Dossier")
    assert MASKED in column(rows, "National ID number") and no_full_id_number(rows)
    by_pk = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (by_pk[panel.dossier.pk]["Your scores"], by_pk[panel.dossier.pk]["Your vote"]) == (1, "No")
    assert (by_pk[voted.pk]["Your scores"], by_pk[voted.pk]["Your vote"]) == (0, "Yes")

    rows, _ = export(client, "evaluations.assessment_queue", "?status=in_committee")
    assert column(rows, "Dossier") == [voted.pk]
    rows, _ = export(client, "evaluations.assessment_queue", f"?round={other.round.pk}")
    assert len(rows) == 3  # a round outside the expert's committees is no filter: the whole queue


def test_assessment_queue_export_is_scoped_for_a_provincial_official(world, client_for):
    guangdong = make_panel(org=world.org)
    jiangsu = make_panel(org=world.org_other_province, region=region("320000"))
    rows, _ = export(client_for(world.provincial_official), "evaluations.assessment_queue")
    assert column(rows, "Dossier") == [guangdong.dossier.pk]
    assert jiangsu.dossier.pk not in column(rows, "Dossier")


@pytest.mark.parametrize("role", ["clerk", "city_official"])
def test_assessment_queue_export_is_refused_where_the_page_is(world, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("evaluations:expert-queue")).status_code == 403
    assert client.post(start("evaluations.assessment_queue")).status_code == 403
    assert not Export.objects.exists()


def test_assessment_queue_export_queries_are_constant(client_for):
    panel = make_panel()
    expert = panel.experts[1]

    def more():
        for _ in range(4):
            dossier = in_committee(panel)
            Score.objects.create(
                dossier=dossier, revision=dossier.current_revision, method="theory_exam", expert=expert, value=70
            )

    assert_constant_queries(client_for(expert), "evaluations.assessment_queue", more)


# The assessment queue's page


def test_assessment_queue_page_paginates_filters_and_swaps_its_table(client_for, monkeypatch):
    monkeypatch.setattr("evaluations.views.assessment.PAGE_SIZE", 2)
    panel = make_panel()
    waiting = in_committee(panel)
    decided = in_committee(panel, DossierStatus.IN_COMMITTEE)
    client = client_for(panel.experts[1])
    url = reverse("evaluations:expert-queue")

    first = client.get(url)
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    # No COUNT per page (accounts.pagination.fast_page): the next page is found with one row more.
    assert first.context["page"].paginator.count is None and first.context["page"].has_next()
    assert len(first.context["dossiers"]) == 2
    assert client.get(url, {"count": "1"}).context["page"].paginator.count == 3
    assert 'data-export="evaluations.assessment_queue"' in first.text
    assert "?page=2" in first.text
    second = client.get(url, {"page": 2})
    shown = [d.pk for d in first.context["dossiers"]] + [d.pk for d in second.context["dossiers"]]
    assert sorted(shown) == sorted([panel.dossier.pk, waiting.pk, decided.pk])

    filtered = client.get(url, {"status": "in_committee"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="assessment-table")
    assert [t.name for t in filtered.templates][0] == "evaluations/assessment/partials/queue_table.html"
    assert [d.pk for d in filtered.context["dossiers"]] == [decided.pk]


def test_assessment_queue_page_queries_are_constant(client_for, django_assert_num_queries):
    panel = make_panel()
    client = client_for(panel.experts[1])
    url = reverse("evaluations:expert-queue")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url, {"status": "in_assessment"}).context["dossiers"]) == 1
    for _ in range(7):
        in_committee(panel)
    with django_assert_num_queries(len(one)):
        assert len(client.get(url, {"status": "in_assessment"}).context["dossiers"]) == 8


# Every role: the export answers as the page does


@pytest.mark.parametrize(
    "name", ["evaluations.rounds", "evaluations.committees", "evaluations.my_dossiers", "evaluations.assessment_queue"]
)
def test_each_role_may_export_a_list_exactly_when_it_may_see_its_page(world, client_for, name):
    from exports.registry import list_export

    spec = list_export(name)
    for role, user in world.users_by_role().items():
        client = client_for(user)
        page = client.get(reverse(spec.page)).status_code
        assert page in (200, 403), (role, page)
        assert client.post(start(name)).status_code == page, role
