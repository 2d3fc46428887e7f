"""Admin of rounds, committees and dossiers: workflow records read-only even for superusers; staff who
are not superusers see their scope only and cannot change rounds or committees."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User
from evaluations.models import DossierStatus
from tests.accounts.factories import region
from tests.evaluations.dossiers.factories import eligible_talent
from tests.evaluations.factories import CommitteeFactory, DossierFactory, RoundFactory, freeze_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_province(world):
    user = world.provincial_official
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    codenames = ["view_dossier", "view_round", "view_committee", "change_round", "change_committee"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


def test_staff_see_their_provinces_dossiers_and_rounds_only(world, staff_province, client_for):
    mine = DossierFactory(talent=eligible_talent(world.org, name="粤人才"), status=DossierStatus.SUBMITTED)
    jiangsu = RoundFactory(region=region("320000"), title="江苏批次")
    DossierFactory(round=jiangsu, talent=eligible_talent(world.org_other_province, name="苏人才"), status="submitted")
    client = client_for(staff_province)
    response = client.get(reverse("admin:evaluations_dossier_changelist"))
    assert response.status_code == 200 and "粤人才" in response.text and "苏人才" not in response.text
    response = client.get(reverse("admin:evaluations_round_changelist"))
    assert mine.round.title in response.text and "江苏批次" not in response.text
    assert client.get(reverse("admin:evaluations_round_change", args=[jiangsu.pk])).status_code == 302  # not found
    committee = CommitteeFactory(created_by=world.provincial_official)
    response = client.get(reverse("admin:committees_committee_change", args=[committee.pk]))
    assert response.status_code == 200 and 'name="_save"' not in response.text  # staff only look


def test_workflow_records_are_read_only_for_superusers(world, client_for):
    dossier = DossierFactory(talent=eligible_talent(world.org))
    freeze_revision(dossier)
    client = client_for(world.admin)
    response = client.get(reverse("admin:evaluations_dossier_change", args=[dossier.pk]))
    assert response.status_code == 200 and 'name="_save"' not in response.text
    assert dossier.talent.id_number not in response.text
    assert client.get(reverse("admin:evaluations_dossier_add")).status_code == 403
    assert client.get(reverse("admin:evaluations_dossierrevision_add")).status_code == 403
    assert client.get(reverse("admin:evaluations_attachment_add")).status_code == 403
    assert client.get(reverse("admin:evaluations_round_add")).status_code == 200
