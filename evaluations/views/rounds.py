"""Pages of rounds and committees: permission check → selector → form → service → redirect (docs/conventions.md §7).

A role that may not take an action gets 403 before anything is looked up; an object outside the
actor's scope is 404 (the selectors raise it).
"""

from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.errors import ApplicationError
from accounts.http import posted, render_page_or_fragment, require, save_form
from accounts.models import Role
from accounts.pagination import fast_page
from committees.selectors import committee_get
from eligibility.selectors.checks import rule_set_current
from evaluations.filters import RoundFilter
from evaluations.forms import CommitteeForm, RoundForm
from evaluations.rules import (
    NO_ROUNDS_ACCESS,
    NOT_SELF_EVALUATING,
    ONLY_PROVINCIAL_COMMITTEES,
    ONLY_ROUND_ORGANISERS,
    can_browse_rounds,
    can_create_rounds,
    can_draft_dossiers,
    can_manage_committees,
    can_see_committees,
    can_use_review_queue,
    may_self_evaluate,
)
from evaluations.selectors.rounds import committee_listing, round_get, round_overview, rounds_filtered
from evaluations.services.rounds import committee_create, committee_update, round_create

PAGE_SIZE = 50


# Rounds


@require_GET
def round_list_view(request):
    require(can_browse_rounds(request.user), NO_ROUNDS_ACCESS)
    filterset = RoundFilter(request.GET, actor=request.user)
    rounds = rounds_filtered(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(rounds, request, PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "rounds": page.object_list,
        "can_create": can_create_rounds(request.user)
        and (request.user.role != Role.ENTERPRISE_CLERK or may_self_evaluate(request.user)),
        "can_draft": can_draft_dossiers(request.user),
    }
    response = render_page_or_fragment(
        request,
        context,
        page="evaluations/rounds/list.html",
        fragment="evaluations/rounds/partials/round_table.html",
        target="round-table",
    )
    return response


@require_http_methods(["GET", "POST"])
def round_create_view(request):
    require(can_create_rounds(request.user), ONLY_ROUND_ORGANISERS)
    if request.user.role == Role.ENTERPRISE_CLERK and not may_self_evaluate(request.user):
        # R8: a clerk whose organisation may not self-evaluate learns why, before filling in anything.
        return render(request, "evaluations/rounds/refused.html", {"message": NOT_SELF_EVALUATING}, status=403)
    try:
        default_pass_mark = rule_set_current().r7_pass_mark
    except ApplicationError:
        default_pass_mark = 60
    form = RoundForm(posted(request), actor=request.user, default_pass_mark=default_pass_mark)
    if request.user.role == Role.ENTERPRISE_CLERK:
        form.fields["kind"].choices = [c for c in form.fields["kind"].choices if c[0] == "skill_evaluation"]
    saved = save_form(
        request,
        form,
        lambda data: round_create(actor=request.user, request=request, **form.service_fields()),
        success=lambda round_: _("The round “%(title)s” is created.") % {"title": round_.title},
        to=lambda round_: reverse("evaluations:round-detail", args=[round_.pk]),
    )
    return saved or render(request, "evaluations/rounds/form.html", {"form": form})


@require_GET
def round_detail_view(request, pk):
    require(can_browse_rounds(request.user), NO_ROUNDS_ACCESS)
    round_ = round_get(actor=request.user, pk=pk)
    context = {
        "round": round_,
        "methods": list(round_.methods.all()),
        "can_draft": can_draft_dossiers(request.user),
    }
    if can_use_review_queue(request.user):
        context["overview"] = round_overview(actor=request.user, round_=round_)
    return render(request, "evaluations/rounds/detail.html", context)


# Committees


@require_GET
def committee_list_view(request):
    require(can_see_committees(request.user), ONLY_PROVINCIAL_COMMITTEES)
    page = fast_page(committee_listing(actor=request.user), request, PAGE_SIZE)
    context = {"page": page, "committees": page.object_list, "can_manage": can_manage_committees(request.user)}
    return render(request, "evaluations/rounds/committee_list.html", context)


@require_http_methods(["GET", "POST"])
def committee_create_view(request):
    require(can_manage_committees(request.user), ONLY_PROVINCIAL_COMMITTEES)
    form = CommitteeForm(posted(request), actor=request.user)
    saved = save_form(
        request,
        form,
        lambda data: committee_create(actor=request.user, request=request, **data),
        success=lambda committee: _("The committee “%(name)s” is formed.") % {"name": committee.name},
        to=reverse("evaluations:committee-list"),
    )
    return saved or render(request, "evaluations/rounds/committee_form.html", {"form": form, "committee": None})


@require_http_methods(["GET", "POST"])
def committee_edit_view(request, pk):
    require(can_manage_committees(request.user), ONLY_PROVINCIAL_COMMITTEES)
    committee = committee_get(actor=request.user, pk=pk)
    form = CommitteeForm(posted(request), actor=request.user, initial=CommitteeForm.initial_for(committee))
    saved = save_form(
        request,
        form,
        lambda data: committee_update(actor=request.user, committee=committee, request=request, **data),
        success=_("The committee is saved."),
        to=reverse("evaluations:committee-list"),
    )
    context = {"form": form, "committee": committee}
    return saved or render(request, "evaluations/rounds/committee_form.html", context)


urlpatterns = [
    path("rounds/", round_list_view, name="round-list"),
    path("rounds/new/", round_create_view, name="round-create"),
    path("rounds/<int:pk>/", round_detail_view, name="round-detail"),
    path("committees/", committee_list_view, name="committee-list"),
    path("committees/new/", committee_create_view, name="committee-create"),
    path("committees/<int:pk>/edit/", committee_edit_view, name="committee-edit"),
]
