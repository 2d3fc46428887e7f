from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "talents"
    verbose_name = _("Talent registry")

    def ready(self):
        from accounts.models import register_audit_actions
        from notifications.messages import register_messages
        from talents.claims import AUDIT_ACTIONS, MESSAGES
        from talents.exports import register as register_list_exports

        register_list_exports()
        register_audit_actions(AUDIT_ACTIONS)
        register_messages(MESSAGES)
        import talents.tasks  # noqa: F401  (registers the figures' refresh task in every process)
