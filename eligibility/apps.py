from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = _("Eligibility")

    def ready(self):
        from accounts.models import register_audit_actions
        from eligibility import tasks  # noqa: F401  (registers the tasks the services enqueue by name)
        from eligibility.exports import register as register_list_exports
        from eligibility.services.checks import CHECK_AUDIT_ACTIONS
        from eligibility.services.runs import RUN_AUDIT_ACTIONS

        register_audit_actions(RUN_AUDIT_ACTIONS)
        register_audit_actions(CHECK_AUDIT_ACTIONS)
        register_list_exports()
