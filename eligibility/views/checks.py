"""The eligibility check on a talent's page: pick a track and level, see each reason; officials with
scope decide a needs_review determination with a reason (docs/rules.md).

Permission check → scoped selector → form → service → redirect (docs/conventions.md §7).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.errors import ApplicationError
from accounts.forms import add_application_error
from accounts.http import require
from eligibility.clauses import level_name, reason_source
from eligibility.engine import TRACK_LEVELS
from eligibility.forms import EligibilityCheckForm, EligibilityOverrideForm
from eligibility.rules import (
    NO_CHECK_ACCESS,
    ONLY_OFFICIALS_OVERRIDE,
    can_check_eligibility,
    can_override_eligibility,
)
from eligibility.selectors.checks import check_get, checks_of_talent
from eligibility.services.checks import eligibility_check_talent, eligibility_override
from talents.selectors import talent_get


def shown_language() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh-hans"


def render_page(request, talent, *, form=None, override_forms=None):
    language = shown_language()
    checks = checks_of_talent(actor=request.user, talent=talent)
    override_forms = override_forms or {}
    can_override = can_override_eligibility(request.user)
    entries = []
    for check in checks:
        overrides = list(check.overrides.all())
        entries.append(
            {
                "check": check,
                "level": level_name(check.target_level, language),
                "reasons": [
                    {**reason, "text": reason["explanation"][language], "source": reason_source(reason, language)}
                    for reason in check.reasons
                ],
                "override": overrides[0] if overrides else None,
                "override_form": (
                    override_forms.get(check.pk, EligibilityOverrideForm(prefix=f"override-{check.pk}"))
                    if can_override and check.outcome == "needs_review" and not overrides
                    else None
                ),
            }
        )
    context = {
        "talent": talent,
        "form": form or EligibilityCheckForm(),
        "entries": entries,
        "track_levels": {track: list(levels) for track, levels in TRACK_LEVELS.items()},
    }
    return render(request, "eligibility/checks/talent_checks.html", context)


@require_http_methods(["GET", "POST"])
def talent_checks_view(request, pk):
    require(can_check_eligibility(request.user), NO_CHECK_ACCESS)
    talent = talent_get(actor=request.user, pk=pk)
    if request.method != "POST":
        return render_page(request, talent)
    form = EligibilityCheckForm(request.POST)
    if form.is_valid():
        try:
            check = eligibility_check_talent(
                actor=request.user,
                talent=talent,
                track=form.cleaned_data["track"],
                target_level=form.cleaned_data["target_level"],
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("Checked: %(outcome)s.") % {"outcome": check.get_outcome_display()})
            return redirect(f"{request.path}#check-{check.pk}")
    return render_page(request, talent, form=form)


@require_POST
def check_override_view(request, pk):
    require(can_override_eligibility(request.user), ONLY_OFFICIALS_OVERRIDE)
    check = check_get(actor=request.user, pk=pk)
    form = EligibilityOverrideForm(request.POST, prefix=f"override-{check.pk}")
    if form.is_valid():
        try:
            eligibility_override(
                actor=request.user,
                check=check,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("Your decision has been recorded."))
            return redirect(reverse("eligibility:talent-checks", args=[check.talent_id]) + f"#check-{check.pk}")
    talent = talent_get(actor=request.user, pk=check.talent_id)
    return render_page(request, talent, override_forms={check.pk: form})
