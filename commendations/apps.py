from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Commendations")

    def ready(self):
        from accounts.models import register_audit_actions
        from commendations.exports import register as register_list_exports
        from commendations.services import campaigns
        from commendations.services import review as review_services
        from commendations.workflow import CAMPAIGN_WORKFLOW, NOMINATION_WORKFLOW
        from workflow import register_workflow

        register_audit_actions({"quota_set": _("Quota set")})
        register_workflow(NOMINATION_WORKFLOW)
        register_audit_actions(review_services.AUDIT_ACTIONS)
        register_audit_actions(campaigns.AUDIT_ACTIONS)
        register_workflow(CAMPAIGN_WORKFLOW)
        # Nominations (the nom area): audit labels, notifications after each step, the list's export.
        from commendations.notify import MESSAGES, notify_transition
        from commendations.services.nominations import AUDIT_ACTIONS as NOMINATION_AUDIT_ACTIONS
        from notifications.messages import register_messages
        from workflow import register_after_transition

        register_audit_actions(NOMINATION_AUDIT_ACTIONS)
        register_messages(MESSAGES)
        register_after_transition(NOMINATION_WORKFLOW, notify_transition)
        # The dashboards' to-do counts of nominations (accounts.cache) change with every step.
        from accounts.cache import NOMINATIONS, version_bump_hook

        register_after_transition(NOMINATION_WORKFLOW, version_bump_hook(NOMINATIONS))
        register_list_exports()

        # Public notice, conferral and the honours roll (area "pub").
        from commendations import notice_handlers, notify_publicity
        from commendations.services import conferral

        notice_handlers.register()
        notify_publicity.register()
        register_audit_actions(conferral.AUDIT_ACTIONS)
