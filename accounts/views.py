"""The language switch: Django's set_language (cookie and redirect), and for a signed-in user the
choice remembered on the account, so the e-mails they receive are written in it."""

from django.contrib.auth.decorators import login_not_required
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.services import user_language_set


@login_not_required
@require_POST
def language_switch_view(request):
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(actor=request.user, language=request.POST.get("language", ""), request=request)
    return response
