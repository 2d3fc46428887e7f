"""Pages of the notice and certificates area: publishing a round's passed dossiers in a public notice,
the certificate's PDF, and the public verification page (no login)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.errors import ApplicationError
from accounts.forms import add_application_error
from accounts.http import personal_data, require
from evaluations.pdf import certificate_pdf, verification_url
from evaluations.rules import can_download_certificates, can_publish_notices
from evaluations.selectors.certificates import certificate_get, certificate_verify, notice_round_get, passed_dossiers
from evaluations.services.certificates import dossier_description, round_notice_publish
from evaluations.throttles import CertificateVerifyThrottle
from notices.models import default_issuing_authority
from talents.validators import mask_name

ONLY_PROVINCE_PUBLISHES = gettext_lazy("Only provincial officials publish the notices of their rounds.")
TOO_MANY_ATTEMPTS = gettext_lazy("Too many verification attempts from your address. Please try again in a minute.")
NO_CERTIFICATES = gettext_lazy("Certificates are downloaded by the enterprise and the officials concerned.")
NOT_FOUND = gettext_lazy("No certificate matches this number and verification code.")


class NoticeForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Text"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    working_days = forms.IntegerField(
        label=gettext_lazy("Publicity working days"), min_value=1, max_value=30, initial=5
    )
    issuing_authority = forms.CharField(label=gettext_lazy("Issuing authority"), max_length=200)
    contact = forms.CharField(
        label=gettext_lazy("Contact"),
        max_length=200,
        help_text=gettext_lazy("A telephone number or address for questions and objections."),
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Passed dossiers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = candidates
        self.fields["dossiers"].label_from_instance = lambda d: (
            f"{mask_name(d.talent.name)} · {d.organisation.name} · {dossier_description(d)}"
        )
        for name in ("title", "body", "working_days", "issuing_authority", "contact"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")


def _notice_url(notice) -> str:
    try:
        return reverse("notices:notice-detail", kwargs={"pk": notice.pk})
    except NoReverseMatch:
        return ""


@require_http_methods(["GET", "POST"])
def notice_publish_view(request, pk):
    require(can_publish_notices(request.user), ONLY_PROVINCE_PUBLISHES)
    round_ = notice_round_get(actor=request.user, pk=pk)
    candidates = passed_dossiers(actor=request.user, round_=round_).select_related(
        "round__occupation", "round__title_series"
    )
    initial = {
        "title": _("Public notice of the results of %(round)s") % {"round": round_.title},
        "working_days": 5,
        "issuing_authority": default_issuing_authority(round_.region),
    }
    form = NoticeForm(request.POST if request.method == "POST" else None, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notice = round_notice_publish(actor=request.user, round_=round_, request=request, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, _("The notice “%(title)s” is published.") % {"title": notice.title})
            return redirect(_notice_url(notice) or request.path)
    return render(request, "evaluations/certificates/notice_publish.html", {"round": round_, "form": form})


@require_GET
def certificate_pdf_view(request, pk):
    require(can_download_certificates(request.user), NO_CERTIFICATES)
    certificate = certificate_get(actor=request.user, pk=pk)
    content = certificate_pdf(certificate, url=verification_url(certificate, request))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.number}.pdf"'
    return personal_data(response)


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Certificate number"), max_length=40, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=16,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )


@login_not_required
@require_GET
def certificate_verify_view(request):
    form = VerifyForm(request.GET if request.GET else None)
    certificate, not_found, throttled = None, False, False
    if form.is_bound and form.is_valid():
        # The API's throttle and allowance: the page is no way around it.
        throttled = not CertificateVerifyThrottle().allow_request(request, None)
        if not throttled:
            certificate = certificate_verify(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
            not_found = certificate is None
    context = {
        "form": form,
        "certificate": certificate,
        "masked_name": mask_name(certificate.talent.name) if certificate else "",
        "description": dossier_description(certificate.dossier) if certificate else "",
        "not_found": NOT_FOUND if not_found else "",
        "throttled": TOO_MANY_ATTEMPTS if throttled else "",
    }
    status = 429 if throttled else 404 if not_found else 200
    response = render(request, "evaluations/certificates/verify.html", context, status=status)
    return personal_data(response)


urlpatterns = [
    path("rounds/<int:pk>/notice/", notice_publish_view, name="notice-publish"),
    path("certificates/<int:pk>/pdf/", certificate_pdf_view, name="certificate-pdf"),
    path("certificates/verify/", certificate_verify_view, name="certificate-verify"),
]
