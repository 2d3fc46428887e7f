from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Commendations")

    def ready(self):
        from accounts.models import register_audit_actions
        from commendations.workflow import NOMINATION_WORKFLOW
        from workflow import register_workflow

        register_audit_actions({"quota_set": _("Quota set")})
        from commendations.services.nominations import AUDIT_ACTIONS as NOMINATION_AUDIT_ACTIONS

        register_audit_actions(NOMINATION_AUDIT_ACTIONS)
        register_workflow(NOMINATION_WORKFLOW)
