"""Every admin changelist: the same number of queries for one row as for several, and every row shown.

One parametrised test over ``admin.site._registry``, with a maker per model (a new row per call, or
the next row of the reference data the migrations load); a registered model without a maker fails.
The page is narrowed to the made rows with ``?<primary key>__in=`` (the admin allows lookups on a
model's own fields), so the reference data's hundreds of rows and the pagination do not get in the way.
"""

import datetime
import itertools

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

SEVERAL = 4  # rows added to the first one
_n = itertools.count()


def _existing(model):
    """The next row of reference data each call (regions, catalogues, plans: the migrations load many)."""
    used = set()

    def make():
        row = model.objects.exclude(pk__in=used).order_by("pk").first()
        assert row is not None, f"not enough {model._meta.label} rows in the reference data"
        used.add(row.pk)
        return row

    return make


def _makers() -> dict:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token, TokenProxy

    from accounts.models import AuditLog, Organisation, Region, User
    from accounts.services import audit_record
    from catalogues.models import Award, Occupation, SkillLevel, TitleLevel, TitleSeries
    from eligibility.models import RuleSet
    from evaluations.models import Attachment
    from notices.models import CalendarDay
    from programs.models import KeyIndustry, KeyTask, Plan, ProgressFigure, RegionalTarget
    from talents.models import Credential, Honour, Talent
    from tests.accounts.factories import OrganisationFactory, UserFactory
    from tests.admin.test_admin import make_talent
    from tests.programs.factories import TargetFactory
    from tests.talents.factories import CredentialFactory, HonourFactory
    from tests.test_permission_matrix import APP_ADMIN_MAKERS

    def attempt():
        n = next(_n)
        return {
            "user_agent": "pytest",
            "ip_address": "127.0.0.1",
            "username": f"visitor{n}",
            "http_accept": "*/*",
            "path_info": "/accounts/login/",
        }

    def token():
        user = UserFactory(organisation=OrganisationFactory())
        return TokenProxy.objects.get(pk=Token.objects.create(user=user).pk)

    def copy(model, **changes):
        """A copy of the model's first row with the changes (for tables of few reference rows)."""
        first = model.objects.order_by("pk").first()
        fields = {f.attname: getattr(first, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
        return model.objects.create(**fields | changes)

    regions = _existing(Region)

    def attachment():
        from evaluations.models import Attachment
        from tests.evaluations.factories import DossierFactory

        dossier, n = DossierFactory(), next(_n)
        return Attachment.objects.create(
            dossier=dossier,
            file=f"dossiers/admin/probe{n}",
            storage_key=f"admin-probe-{n}",
            original_name="probe.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            uploaded_by=dossier.created_by,
        )

    def calendar_day():
        from notices.models import CalendarDay

        day = datetime.date(2031, 1, 1) + datetime.timedelta(days=next(_n))
        return CalendarDay.objects.create(date=day, is_working_day=False, note="假日")

    def progress_figure():
        from programs.models import ProgressFigure

        region = regions()
        plan = Plan.objects.order_by("pk").first()
        return ProgressFigure.objects.create(plan=plan, region=region, measure="trained_person_times", value=1)

    return APP_ADMIN_MAKERS | {
        Group: lambda: Group.objects.create(name=f"group{next(_n)}"),
        TokenProxy: token,
        Attachment: attachment,
        CalendarDay: calendar_day,
        ProgressFigure: progress_figure,
        AccessAttempt: lambda: AccessAttempt.objects.create(
            **attempt(), get_data="", post_data="", failures_since_start=1
        ),
        AccessLog: lambda: AccessLog.objects.create(**attempt()),
        AccessFailureLog: lambda: AccessFailureLog.objects.create(**attempt()),
        Region: _existing(Region),
        Organisation: OrganisationFactory,
        User: lambda: UserFactory(organisation=OrganisationFactory()),
        AuditLog: lambda: audit_record(actor=None, obj=OrganisationFactory(), action="create"),
        SkillLevel: _existing(SkillLevel),
        TitleLevel: _existing(TitleLevel),
        TitleSeries: _existing(TitleSeries),
        Occupation: _existing(Occupation),
        Award: _existing(Award),
        Talent: make_talent,
        Credential: lambda: CredentialFactory(talent=make_talent()),
        Honour: lambda: HonourFactory(talent=make_talent()),
        Plan: lambda: copy(Plan, code=f"probe-{next(_n)}"),
        KeyTask: _existing(KeyTask),
        KeyIndustry: _existing(KeyIndustry),
        RegionalTarget: lambda: TargetFactory(region=regions()),
        RuleSet: lambda: copy(RuleSet, code=f"probe{next(_n)}", version=1),
    }


MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)

CASES = [pytest.param(model, id=model._meta.label) for model in MODELS]


def test_every_registered_model_has_a_maker():
    assert len(MODELS) > 40  # the whole admin, not an empty registry
    missing = sorted(model._meta.label for model in MODELS if model not in _makers())
    assert not missing, f"admin models without a maker in tests/admin/test_changelist_queries.py: {missing}"


def page(client, model, rows):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    key = model._meta.pk  # a token's primary key is its key (``TokenProxy.pk`` is its user's id)
    response = client.get(url, {f"{key.name}__in": ",".join(str(key.value_from_object(row)) for row in rows)})
    assert response.status_code == 200, (model, response.status_code, getattr(response, "url", ""))
    return response


@pytest.mark.parametrize("model", CASES, ids=[model._meta.label for model in MODELS])
def test_changelist_queries_do_not_grow_with_rows(model, world, client_for):
    make = _makers()[model]  # a fresh maker (the reference data's ones remember what they handed out)
    client = client_for(world.admin)
    rows = [make()]
    page(client, model, rows)  # warm the caches (content types, permissions, the session)
    with CaptureQueriesContext(connection) as one_row:
        page(client, model, rows)
    rows += [make() for _ in range(SEVERAL)]
    with CaptureQueriesContext(connection) as several_rows:
        response = page(client, model, rows)
    changelist = response.context["cl"]
    key = model._meta.pk
    assert {key.value_from_object(row) for row in changelist.result_list} == {
        key.value_from_object(row) for row in rows
    }
    content = response.content.decode()
    for result in changelist.result_list:  # each row is rendered: its link to its change page
        assert changelist.url_for_result(result) in content, (model, result.pk)
    assert len(several_rows) == len(one_row), (
        f"{model._meta.label}: {len(one_row)} queries for 1 row, {len(several_rows)} for {len(rows)}:\n"
        + "\n".join(query["sql"] for query in several_rows.captured_queries)
    )
