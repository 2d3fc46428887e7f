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
        register_workflow(NOMINATION_WORKFLOW)

        # Public notice, conferral and the honours roll (area "pub").
        from commendations import exports, notice_handlers, notify_publicity
        from commendations.services import conferral

        exports.register()
        notice_handlers.register()
        notify_publicity.register()
        register_audit_actions(conferral.AUDIT_ACTIONS)
