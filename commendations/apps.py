from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Commendations")

    def ready(self):
        from accounts.models import register_audit_actions

        register_audit_actions({"quota_set": _("Quota set")})
