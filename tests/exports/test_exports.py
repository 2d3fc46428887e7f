"""Exports of list pages (exports app), shown on the review queue: a small export answers at once, a
large one is built by a task whose page polls; only the requester reaches it; every export is
recorded and audited; the file is in the requester's language; old files expire; user text never
becomes a formula."""

import io
import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditLog
from evaluations.models import DossierStatus
from exports.models import Export, ExportStatus
from exports.services import exports_expire
from exports.tasks import export_build_task
from notifications.models import Notification
from tests.accounts.factories import UserFactory, region
from tests.evaluations.review.factories import submitted_dossier
from tests.exports.factories import finished_export
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db
START = reverse("exports:start", args=["evaluations.review_queue"])


def read_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def test_a_small_export_answers_the_filtered_rows_at_once_with_masked_ids(world, client_for):
    talent = TalentFactory(employer=world.org, name="李明", id_number="440106198503070011")
    submitted_dossier(world.org, talent=talent)
    submitted_dossier(world.org, status=DossierStatus.CITY_APPROVED)
    response = client_for(world.provincial_official).post(START + "?status=submitted&page=3")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    rows = read_rows(response.content)
    assert len(rows) == 2  # the header and the one submitted dossier (the page number is not a filter)
    assert "440106********0011" in rows[1]
    assert not any("440106198503070011" in str(cell) for row in rows for cell in row)


def test_every_export_is_recorded_and_audited(world, client_for):
    submitted_dossier(world.org)
    client_for(world.city_official).post(START + "?status=submitted&page=2")
    export = Export.objects.get()
    assert (export.requested_by, export.list_name, export.query) == (
        world.city_official,
        "evaluations.review_queue",
        {"status": "submitted"},
    )
    assert (export.direct, export.status, export.rows, bool(export.file)) == (True, ExportStatus.DONE, 1, False)
    entry = AuditLog.objects.for_object(export).get()
    assert (entry.action, entry.actor, entry.ip_address) == ("export", world.city_official, "127.0.0.1")


def test_an_export_is_a_post(world, client_for):
    assert client_for(world.provincial_official).get(START).status_code == 405
    assert not Export.objects.exists()


def test_a_role_without_the_list_gets_403_and_nothing_is_recorded(world, client_for):
    response = client_for(world.clerk).post(START)
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_an_unknown_list_is_404(world, client_for):
    assert client_for(world.provincial_official).post(reverse("exports:start", args=["nope"])).status_code == 404


def test_a_large_export_runs_as_a_task_and_only_its_requester_downloads_it(
    world, client_for, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.EXPORT_DIRECT_ROWS = 1
    for org in (world.org, world.org_other_city, world.org_other_province):
        submitted_dossier(org)
    client = client_for(world.provincial_official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START)
    export = Export.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exports:status", args=[export.pk])
    export.refresh_from_db()
    assert (export.status, export.rows, export.direct) == (ExportStatus.DONE, 2, False)
    assert AuditLog.objects.for_object(export).get().action == "export_requested"
    told = Notification.objects.get(kind="export_ready")  # the requester may have left the page
    assert (told.recipient, told.url) == (world.provincial_official, response.url)
    status_page = client.get(response.url)
    assert reverse("exports:download", args=[export.pk]) in status_page.content.decode()
    download = client.get(reverse("exports:download", args=[export.pk]))
    assert "no-store" in download["Cache-Control"]
    assert len(read_rows(b"".join(download.streaming_content))) == 3  # the province's two, no Nanjing
    colleague = UserFactory(role="provincial_official", region=region("440000"))
    assert client_for(colleague).get(reverse("exports:download", args=[export.pk])).status_code == 404
    assert client_for(colleague).get(reverse("exports:status", args=[export.pk])).status_code == 404


def test_the_status_page_polls_while_the_export_is_pending(world, client_for):
    export = Export.objects.create(requested_by=world.city_official, list_name="evaluations.review_queue")
    client = client_for(world.city_official)
    page = client.get(reverse("exports:status", args=[export.pk]))
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert reverse("evaluations:review-queue") in page.content.decode()  # the way back to the list
    fragment = client.get(
        reverse("exports:status", args=[export.pk]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="export-progress"
    )
    assert [t.name for t in fragment.templates][0] == "exports/partials/progress.html"
    assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404  # not ready


def test_a_failing_export_is_marked_failed(world, monkeypatch, eager_celery, django_capture_on_commit_callbacks):
    def broken(spec, objects, target):
        raise RuntimeError("disk full")

    monkeypatch.setattr("exports.services.write_workbook", broken)
    export = Export.objects.create(requested_by=world.city_official, list_name="evaluations.review_queue")
    with django_capture_on_commit_callbacks(execute=True):
        export_build_task.delay(export.pk)
    export.refresh_from_db()
    assert (export.status, export.error) == (ExportStatus.FAILED, "disk full")
    assert export.finished_at is not None
    assert Notification.objects.get(kind="export_failed").recipient == world.city_official


def test_a_deactivated_requester_gets_no_file(world, eager_celery):
    submitted_dossier(world.org)
    export = Export.objects.create(requested_by=world.city_official, list_name="evaluations.review_queue")
    world.city_official.is_active = False
    world.city_official.save()
    export_build_task.delay(export.pk)
    export.refresh_from_db()
    assert (export.status, bool(export.file)) == (ExportStatus.FAILED, False)
    assert export.error


def test_an_export_is_built_once(world, eager_celery):
    submitted_dossier(world.org)
    export = Export.objects.create(
        requested_by=world.city_official, list_name="evaluations.review_queue", query={"status": "submitted"}
    )
    assert export_build_task.delay(export.pk).get() == 1
    first_file = Export.objects.get().file.name
    assert export_build_task.delay(export.pk).get() == 1  # already done: not rebuilt
    assert Export.objects.get().file.name == first_file


def test_a_large_export_is_written_in_the_requesters_language(
    world, client_for, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.EXPORT_DIRECT_ROWS = 0
    submitted_dossier(world.org)
    client = client_for(world.city_official)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(START)
    export = Export.objects.get()
    assert export.language == "en"
    with export.file.open("rb") as workbook:
        header, row = read_rows(workbook.read())
    assert header[0] == "Dossier"
    assert "Submitted" in row


def test_user_text_is_never_a_formula_in_the_file(world, client_for):
    submitted_dossier(world.org, talent=TalentFactory(employer=world.org, name='=HYPERLINK("http://x","y")'))
    content = client_for(world.city_official).post(START).content
    cell = load_workbook(io.BytesIO(content)).active["C2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")


def test_files_older_than_the_keeping_period_expire_and_the_record_stays(world, settings):
    settings.EXPORT_KEEP_DAYS = 7
    old = finished_export(world.city_official)
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    recent = finished_export(world.city_official)
    path = old.file.path
    assert exports_expire() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, bool(old.file), recent.status) == (ExportStatus.EXPIRED, False, ExportStatus.DONE)
    assert not os.path.exists(path)
    assert AuditLog.objects.for_object(old).get().action == "export_expired"


def test_an_expired_export_says_so_and_has_no_download(world, client_for):
    export = finished_export(world.city_official, status=ExportStatus.EXPIRED)
    client = client_for(world.city_official)
    assert 'data-status="expired"' in client.get(reverse("exports:status", args=[export.pk])).content.decode()
    assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404


def test_staff_see_their_own_exports_in_the_admin_and_superusers_all(world, client_for):
    from django.contrib.auth.models import Permission

    from accounts.models import User

    own = finished_export(world.provincial_official)
    finished_export(world.city_official)
    world.provincial_official.is_staff = True
    world.provincial_official.save(update_fields=["is_staff"])
    world.provincial_official.user_permissions.set(Permission.objects.filter(codename="view_export"))
    user = User.objects.get(pk=world.provincial_official.pk)
    changelist = reverse("admin:exports_export_changelist")
    assert [e.pk for e in client_for(user).get(changelist).context["cl"].result_list] == [own.pk]
    assert len(client_for(world.admin).get(changelist).context["cl"].result_list) == 2


def test_a_list_larger_than_one_worksheet_is_refused_with_a_clear_message(world, client_for, settings):
    settings.EXPORT_MAX_ROWS = 1
    submitted_dossier(world.org)
    submitted_dossier(world.org)
    client = client_for(world.city_official)
    response = client.post(START + "?status=submitted", follow=True)
    assert response.redirect_chain[0][0] == reverse("evaluations:review-queue") + "?status=submitted"
    assert "Narrow the filters" in response.content.decode() or "缩小" in response.content.decode()
    assert not Export.objects.exists()
