from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self):
        from accounts.cache import DOSSIERS, scope_version_bump, written_provinces
        from accounts.models import register_audit_actions
        from eligibility.selectors.runs import register_already_applied
        from evaluations.exports import register as register_list_exports
        from evaluations.models import Dossier
        from evaluations.notice_handlers import register as register_notice_handlers
        from evaluations.notify import notify_transition
        from evaluations.services import attachments, dossiers, rounds
        from evaluations.workflow import DOSSIER_WORKFLOW
        from workflow import register_after_transition, register_workflow

        def dossier_lists_invalidate(dossier, _action, _from_state, _to_state, actor, _comment) -> None:
            scope_version_bump(DOSSIERS, provinces=written_provinces(actor, [dossier]))

        # The dossier workflow (its audit labels too); the shared test suite runs every registered one.
        register_workflow(DOSSIER_WORKFLOW)
        for area in (rounds, dossiers, attachments):
            register_audit_actions(area.AUDIT_ACTIONS)
        # Tell the people who must act after each transition; put passed dossiers through the notice.
        register_after_transition(DOSSIER_WORKFLOW, notify_transition)
        # Every committed transition (notice outcomes included) invalidates the cached dossier lists of its province.
        register_after_transition(DOSSIER_WORKFLOW, dossier_lists_invalidate)
        register_notice_handlers()
        register_list_exports()
        # The nightly run's invitation list leaves out talents who already have a dossier.
        register_already_applied(lambda: Dossier.objects.values("talent_id"))
