from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "notice_publish": _("Notice published"),
    "notice_close": _("Notice closed"),
    "notice_entry_withdraw": _("Withdrawn from the notice"),
    "objection_file": _("Objection filed"),
    "objection_resolve": _("Objection resolved"),
}


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Public notices")

    def ready(self):
        from accounts.models import register_audit_actions
        from notices.exports import register as register_list_exports

        register_audit_actions(AUDIT_ACTIONS)
        register_list_exports()
