from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from accounts.models import register_audit_actions
        from evaluations.workflow import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)
