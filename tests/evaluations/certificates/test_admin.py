import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from evaluations.models import Certificate, DossierStatus, Score, Vote
from evaluations.services.certificates import certificate_issue
from tests.accounts.factories import UserFactory, region
from tests.evaluations.assessment.factories import make_panel, score_all, votes

pytestmark = pytest.mark.django_db


def staff(province_code):
    user = UserFactory(role=Role.PROVINCIAL_OFFICIAL, region=region(province_code), is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_score", "view_vote", "view_certificate"]))
    return user


def changelist(model):
    return reverse(f"admin:evaluations_{model._meta.model_name}_changelist")


def test_admin_lists_are_scoped_for_staff(client_for):
    panel = make_panel()
    score_all(panel)
    voting = make_panel(status=DossierStatus.IN_COMMITTEE)
    votes(voting, "yes")
    certificate_issue(dossier=make_panel(status=DossierStatus.IN_PUBLICITY).dossier)
    guangdong = client_for(staff("440000"))
    assert len(guangdong.get(changelist(Score)).context["cl"].result_list) == 6
    assert len(guangdong.get(changelist(Vote)).context["cl"].result_list) == 1
    assert len(guangdong.get(changelist(Certificate)).context["cl"].result_list) == 1
    jiangsu = client_for(staff("320000"))
    for model in (Score, Vote, Certificate):
        assert len(jiangsu.get(changelist(model)).context["cl"].result_list) == 0


def test_admin_is_read_only_even_for_superusers(world, client_for):
    certificate = certificate_issue(dossier=make_panel(status=DossierStatus.IN_PUBLICITY).dossier)
    client = client_for(world.admin)
    assert client.get(reverse("admin:evaluations_certificate_add")).status_code == 403
    page = client.get(reverse("admin:evaluations_certificate_change", args=[certificate.pk]))
    assert page.status_code == 200 and certificate.verification_code not in page.content.decode()
    assert client.get(reverse("admin:evaluations_certificate_delete", args=[certificate.pk])).status_code == 403
