"""The admin of the review's records: read-only, and scoped like the portal for staff who are not superusers."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User
from evaluations.models import (
    CommentVisibility,
    DossierComment,
    DossierReview,
    ReviewDecision,
    ReviewLevel,
)
from tests.evaluations.review.factories import submitted_dossier

pytestmark = pytest.mark.django_db


def staff(user, *codenames) -> User:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


def review_of(dossier, reviewer) -> DossierReview:
    return DossierReview.objects.create(
        dossier=dossier,
        revision=dossier.current_revision,
        level=ReviewLevel.CITY,
        decision=ReviewDecision.APPROVE,
        reviewer=reviewer,
    )


def test_staff_see_the_reviews_of_their_scope_only(world, client_for):
    mine = review_of(submitted_dossier(world.org), world.city_official)
    review_of(submitted_dossier(world.org_other_city), world.city_official_other_city)
    user = staff(world.city_official, "view_dossierreview")
    response = client_for(user).get(reverse("admin:evaluations_dossierreview_changelist"))
    assert [r.pk for r in response.context["cl"].result_list] == [mine.pk]


def test_review_records_are_read_only_even_for_superusers(world, client_for):
    review = review_of(submitted_dossier(world.org), world.city_official)
    client = client_for(world.admin)
    assert client.get(reverse("admin:evaluations_dossierreview_add")).status_code == 403
    assert client.get(reverse("admin:evaluations_dossierreview_delete", args=[review.pk])).status_code == 403
    page = client.get(reverse("admin:evaluations_dossierreview_change", args=[review.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content


def test_comments_in_the_admin_follow_the_comment_visibility(world, client_for):
    dossier = submitted_dossier(world.org)
    DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.INTERNAL, body="内"
    )
    public = DossierComment.objects.create(
        dossier=dossier, author=world.city_official, visibility=CommentVisibility.ENTERPRISE, body="外"
    )
    clerk = staff(world.clerk, "view_dossiercomment")
    response = client_for(clerk).get(reverse("admin:evaluations_dossiercomment_changelist"))
    assert [c.pk for c in response.context["cl"].result_list] == [public.pk]
    official = staff(world.city_official, "view_dossiercomment")
    assert (
        len(client_for(official).get(reverse("admin:evaluations_dossiercomment_changelist")).context["cl"].result_list)
        == 2
    )
