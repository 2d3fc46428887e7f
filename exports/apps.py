from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Exports")

    def ready(self):
        from accounts.models import register_audit_actions
        from exports import tasks  # noqa: F401  (registers the tasks the services enqueue by name)
        from exports.services import AUDIT_ACTIONS

        register_audit_actions(AUDIT_ACTIONS)
