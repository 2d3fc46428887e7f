"""Platform pages: the filtered list, register and edit."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from accounts.errors import ApplicationError
from accounts.http import posted, require
from accounts.pagination import fast_page
from programs.filters import PlatformFilter
from programs.forms import PlatformForm
from programs.models import PlatformKind
from programs.rules import (
    NO_PROGRAMS_ACCESS,
    ONLY_PLATFORM_OFFICIALS,
    can_browse_programs,
    can_manage_platform_level,
    can_manage_platforms,
)
from programs.selectors.platforms import platform_get, platform_page_list
from programs.services.platforms import platform_create, platform_update
from programs.views.activities import PAGE_SIZE
from programs.views.enrolments import as_field


@require_GET
def platform_list_view(request):
    require(can_browse_programs(request.user), NO_PROGRAMS_ACCESS)
    filterset = PlatformFilter(request.GET or None, actor=request.user)
    filters = filterset.cleaned_values()
    platforms = platform_page_list(actor=request.user, filters=filters)
    page = fast_page(platforms, request, PAGE_SIZE)
    context = {
        "page": page,
        "platforms": page.object_list,
        "filters": filterset.form,
        "kinds": PlatformKind.choices,
        "kind": filters.get("kind", ""),
        "q": request.GET.get("q", ""),
        "can_manage": can_manage_platforms(request.user),
    }
    return render(request, "programs/platform_list.html", context)


@sensitive_post_parameters("leader_id_number")  # never in an error report
@require_http_methods(["GET", "POST"])
def platform_create_view(request):
    require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
    form = PlatformForm(posted(request), actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            platform = platform_create(actor=request.user, request=request, **form.service_fields())
        except ApplicationError as error:
            form.add_application_error(as_field(error, "leader_id_number") if error.field == "leader" else error)
        else:
            messages.success(request, _("The platform “%(name)s” is registered.") % {"name": platform.name})
            return redirect("programs:platform-list")
    return render(request, "programs/platform_form.html", {"form": form, "platform": None})


@sensitive_post_parameters("leader_id_number")
@require_http_methods(["GET", "POST"])
def platform_edit_view(request, pk):
    require(can_manage_platforms(request.user), ONLY_PLATFORM_OFFICIALS)
    platform = platform_get(actor=request.user, pk=pk)
    require(can_manage_platform_level(request.user, platform.level), ONLY_PLATFORM_OFFICIALS)
    form = PlatformForm(
        posted(request), actor=request.user, platform=platform, initial=PlatformForm.initial_for(platform)
    )
    if request.method == "POST" and form.is_valid():
        try:
            platform_update(actor=request.user, platform=platform, request=request, **form.service_fields())
        except ApplicationError as error:
            form.add_application_error(as_field(error, "leader_id_number") if error.field == "leader" else error)
        else:
            messages.success(request, _("The platform is saved."))
            return redirect("programs:platform-list")
    return render(request, "programs/platform_form.html", {"form": form, "platform": platform})


urlpatterns = [
    path("platforms/", platform_list_view, name="platform-list"),
    path("platforms/new/", platform_create_view, name="platform-create"),
    path("platforms/<int:pk>/edit/", platform_edit_view, name="platform-edit"),
]
