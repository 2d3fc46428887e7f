"""Registry pages: permission check → selector → form → service → redirect (docs/conventions.md §7).

A role that may not take an action gets 403 before anything is looked up; a talent outside the
actor's scope is 404 (the selectors raise it), so missing and forbidden look the same.
htmx requests get the fragment in ``templates/talents/partials/``; without JavaScript every page
works as a plain form.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.cache import TALENTS, cached_fragment, cached_page
from accounts.errors import ApplicationError
from accounts.http import personal_data, posted, render_page_or_fragment, require, save_form, xlsx_response
from accounts.middleware import confirmation_stamp, recently_confirmed
from accounts.models import Role
from accounts.pagination import fast_page
from accounts.selectors import audit_trail_for
from accounts.services import identity_confirm
from talents.claims import registration_claim_resolve
from talents.filters import RegistrationClaimFilter, TalentFilter
from talents.forms import (
    CredentialDeleteForm,
    CredentialForm,
    HonourForm,
    IdNumberRevealForm,
    RegistrationClaimResolveForm,
    TalentCreateForm,
    TalentEditForm,
    TalentUploadForm,
)
from talents.models import Gender, Talent
from talents.rules import (
    CONFIRMATION_NEEDED,
    NO_REGISTRY_ACCESS,
    ONLY_CLERKS_REGISTER,
    ONLY_EMPLOYER_CLERK,
    ONLY_OFFICIALS_ENTER_HONOURS,
    ONLY_OFFICIALS_RESOLVE_CLAIMS,
    ONLY_OFFICIALS_REVEAL,
    can_browse_registry,
    can_edit_talent,
    can_enter_honours,
    can_register_talents,
    can_resolve_registration_claims,
    can_reveal_id_number,
)
from talents.selectors import (
    credential_get,
    credential_list,
    honour_list,
    registration_claim_get,
    registration_claim_list,
    talent_get,
    talent_list_filtered,
)
from talents.services import (
    BulkImportError,
    credential_create,
    credential_delete,
    credential_update,
    honour_create,
    talent_bulk_import,
    talent_create,
    talent_reveal_id_number,
    talent_update,
)
from talents.spreadsheets import upload_template
from talents.validators import id_number_facts

PAGE_SIZE = 50


# The list (its xlsx export is the exports app's "talents.registry", see talents/exports.py)


def label_rows(talents) -> None:
    """A page's links and gender labels, reversed and translated once per page, not per row (docs/scale.md)."""
    genders = {key: str(label) for key, label in Talent._meta.get_field("gender").flatchoices}
    detail = reverse("talents:detail", args=[987654321])
    for talent in talents:
        talent.detail_url = detail.replace("987654321", str(talent.pk))
        talent.gender_label = genders.get(talent.gender, talent.gender)


@require_GET
def talent_list_view(request):
    require(can_browse_registry(request.user), NO_REGISTRY_ACCESS)
    filterset = TalentFilter(request.GET, actor=request.user)
    talents = talent_list_filtered(actor=request.user, filters=filterset.cleaned_values())
    # The rows come from the versioned cache (docs/scale.md, "Cached lists"): a registry write bumps it.
    page, rows = cached_page(
        request,
        name="talents",
        areas=[TALENTS],
        queryset=talents,
        per_page=PAGE_SIZE,
        rows_template="talents/partials/talent_rows.html",
        rows_name="talents",
        prepare=label_rows,
    )
    context = {
        "filter": filterset,
        "page": page,
        "rows": rows,
        "talents": page.object_list,  # the row objects when built by this request (none on a cache hit)
        "can_register": can_register_talents(request.user),
        "can_resolve_claims": can_resolve_registration_claims(request.user),
    }
    # The filter form's selects (catalogues, regions) cost more than the rows: cached too, rendered only
    # by the full page. Catalogues change in the admin only: the entry's expiry (5 min) shows an edit.
    context["filter_fields"] = cached_fragment(
        request,
        name="talents-filter",
        areas=[],
        template="talents/partials/talent_filter_fields.html",
        context={
            "filter": filterset,
            "shows_region_filter": request.user.sees_everything or request.user.role == Role.PROVINCIAL_OFFICIAL,
        },
    )
    response = render_page_or_fragment(
        request,
        context,
        page="talents/talent_list.html",
        fragment="talents/partials/talent_table.html",
        target="talent-table",
    )
    return response


# One talent


@require_GET
def talent_detail_view(request, pk):
    require(can_browse_registry(request.user), NO_REGISTRY_ACCESS)
    talent = talent_get(actor=request.user, pk=pk)
    context = {
        "talent": talent,
        "credentials": credential_list(actor=request.user).filter(talent=talent),
        "honours": honour_list(actor=request.user).filter(talent=talent),
        "audit_trail": audit_trail_for(talent),
        "can_edit": can_edit_talent(request.user, talent),
        "can_reveal": can_reveal_id_number(request.user),
        "can_enter_honours": can_enter_honours(request.user),
        "reveal_form": IdNumberRevealForm(),
    }
    return personal_data(render(request, "talents/talent_detail.html", context))


@require_POST
def talent_reveal_id_view(request, pk):
    require(can_reveal_id_number(request.user), ONLY_OFFICIALS_REVEAL)
    talent = talent_get(actor=request.user, pk=pk)
    form = IdNumberRevealForm(request.POST)
    context = {"talent": talent, "reveal_form": form}
    if form.is_valid() and not recently_confirmed(request):
        # A fresh password or one-time code before the full number (docs/security.md): an unattended
        # signed-in screen does not give it away.
        if identity_confirm(actor=request.user, secret=form.cleaned_data["confirmation"]):
            confirmation_stamp(request)
        else:
            form.add_error("confirmation", CONFIRMATION_NEEDED)
    if form.is_valid():
        context["id_number"] = talent_reveal_id_number(
            actor=request.user, talent=talent, reason=form.cleaned_data["reason"], request=request
        )
    if not request.htmx:
        template = "talents/talent_reveal_id.html"
    elif "id_number" in context:
        template = "talents/partials/id_number_revealed.html"
    else:
        template = "talents/partials/reveal_id_form.html"
    return personal_data(render(request, template, context))


# Registration and changes (the employer's clerk)


@sensitive_post_parameters("id_number")  # never in an error report
@require_http_methods(["GET", "POST"])
def talent_create_view(request):
    require(can_register_talents(request.user), ONLY_CLERKS_REGISTER)
    form = TalentCreateForm(posted(request))
    # The same answer whether the number was new or held elsewhere (docs/security.md).
    saved = save_form(
        request,
        form,
        lambda data: talent_create(actor=request.user, request=request, **data),
        success=lambda receipt: receipt.message,
        to=reverse("talents:list"),
    )
    return saved or render(request, "talents/talent_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def talent_edit_view(request, pk):
    require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
    talent = talent_get(actor=request.user, pk=pk)
    require(can_edit_talent(request.user, talent), ONLY_EMPLOYER_CLERK)
    form = TalentEditForm(posted(request), initial=TalentEditForm.initial_for(talent))
    saved = save_form(
        request,
        form,
        lambda data: talent_update(actor=request.user, talent=talent, request=request, **data),
        success=lambda talent: _("The record of %(name)s is saved.") % {"name": talent.name},
        to=lambda talent: reverse("talents:detail", args=[talent.pk]),
    )
    return saved or render(request, "talents/talent_form.html", {"form": form, "talent": talent})


@sensitive_post_parameters("id_number")
@require_POST
def id_number_validate_view(request):
    """Inline check while typing: the format only, never whether the number is registered (no lookup
    oracle). Posted, so the number stays out of URLs and access logs."""
    require(can_register_talents(request.user), ONLY_CLERKS_REGISTER)
    value = request.POST.get("id_number", "").strip()
    context = {"value": value}
    if value:
        try:
            context["facts"] = id_number_facts(value)
            context["gender"] = Gender(context["facts"].gender).label
        except ValidationError as error:
            context["error"] = error.messages[0]
    return personal_data(render(request, "talents/partials/id_number_feedback.html", context))


# Credentials


def editable_talent(request, pk):
    """The talent a clerk of its employer is changing: role (403), then scope (404), then ownership (403)."""
    require(can_register_talents(request.user), ONLY_EMPLOYER_CLERK)
    talent = talent_get(actor=request.user, pk=pk)
    require(can_edit_talent(request.user, talent), ONLY_EMPLOYER_CLERK)
    return talent


def credential_of(request, talent, cid):
    credential = credential_get(actor=request.user, pk=cid)
    if credential.talent_id != talent.pk:
        raise Http404
    return credential


@require_http_methods(["GET", "POST"])
def credential_create_view(request, pk):
    talent = editable_talent(request, pk)
    form = CredentialForm(posted(request))
    saved = save_form(
        request,
        form,
        lambda data: credential_create(actor=request.user, talent=talent, request=request, **data),
        success=_("The credential is recorded."),
        to=reverse("talents:detail", args=[talent.pk]),
    )
    return saved or render(request, "talents/credential_form.html", {"form": form, "talent": talent})


@require_http_methods(["GET", "POST"])
def credential_edit_view(request, pk, cid):
    talent = editable_talent(request, pk)
    credential = credential_of(request, talent, cid)
    form = CredentialForm(posted(request), initial=CredentialForm.initial_for(credential))
    saved = save_form(
        request,
        form,
        lambda data: credential_update(actor=request.user, credential=credential, request=request, **data),
        success=_("The credential is saved."),
        to=reverse("talents:detail", args=[talent.pk]),
    )
    context = {"form": form, "talent": talent, "credential": credential}
    return saved or render(request, "talents/credential_form.html", context)


@require_http_methods(["GET", "POST"])
def credential_delete_view(request, pk, cid):
    talent = editable_talent(request, pk)
    credential = credential_of(request, talent, cid)
    form = CredentialDeleteForm(posted(request))
    saved = save_form(
        request,
        form,
        lambda data: credential_delete(
            actor=request.user, credential=credential, reason=data["reason"], request=request
        ),
        success=_("The credential is deleted."),
        to=reverse("talents:detail", args=[talent.pk]),
    )
    context = {"form": form, "talent": talent, "credential": credential}
    return saved or render(request, "talents/credential_confirm_delete.html", context)


# Honours (officials, with evidence)


@require_http_methods(["GET", "POST"])
def honour_create_view(request, pk):
    require(can_enter_honours(request.user), ONLY_OFFICIALS_ENTER_HONOURS)
    talent = talent_get(actor=request.user, pk=pk)
    form = HonourForm(posted(request))
    saved = save_form(
        request,
        form,
        lambda data: honour_create(actor=request.user, talent=talent, request=request, **data),
        success=_("The honour is recorded."),
        to=reverse("talents:detail", args=[talent.pk]),
    )
    return saved or render(request, "talents/honour_form.html", {"form": form, "talent": talent})


# Bulk upload


@require_http_methods(["GET", "POST"])
def talent_upload_view(request):
    require(can_register_talents(request.user), ONLY_CLERKS_REGISTER)
    form = TalentUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            received = talent_bulk_import(actor=request.user, upload=form.cleaned_data["file"], request=request)
        except BulkImportError as error:
            row_errors = error.row_errors
            form.add_error(None, error.message)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            count = len(received)
            messages.success(
                request,
                ngettext(
                    "%(count)d registration received. New numbers appear in your registry now; a number another "
                    "employer holds goes to the bureau, which tells you its decision.",
                    "%(count)d registrations received. New numbers appear in your registry now; a number another "
                    "employer holds goes to the bureau, which tells you its decision.",
                    count,
                )
                % {"count": count},
            )
            return redirect("talents:list")
    return render(request, "talents/talent_upload.html", {"form": form, "row_errors": row_errors})


@require_GET
def upload_template_view(request):
    require(can_register_talents(request.user), ONLY_CLERKS_REGISTER)
    return xlsx_response(upload_template(), "talent-upload-template.xlsx")


# Registration claims (the bureau of the claiming organisation)


@require_GET
def registration_claim_list_view(request):
    require(can_resolve_registration_claims(request.user), ONLY_OFFICIALS_RESOLVE_CLAIMS)
    filterset = RegistrationClaimFilter(request.GET, actor=request.user)
    claims = registration_claim_list(actor=request.user, filters=filterset.cleaned_values())
    page = fast_page(claims, request, PAGE_SIZE)
    context = {"filter": filterset, "page": page, "claims": page.object_list}
    return personal_data(render(request, "talents/claim_list.html", context))


@require_http_methods(["GET", "POST"])
def registration_claim_detail_view(request, pk):
    require(can_resolve_registration_claims(request.user), ONLY_OFFICIALS_RESOLVE_CLAIMS)
    claim = registration_claim_get(actor=request.user, pk=pk)
    form = RegistrationClaimResolveForm(posted(request))
    saved = save_form(
        request,
        form,
        lambda data: registration_claim_resolve(actor=request.user, claim=claim, request=request, **data),
        success=lambda claim: _("The claim is resolved: %(status)s.") % {"status": claim.get_status_display()},
        to=reverse("talents:claim-list"),
    )
    context = {"claim": claim, "form": form, "audit_trail": audit_trail_for(claim)}
    return saved or personal_data(render(request, "talents/claim_detail.html", context))
