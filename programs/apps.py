from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        from accounts.models import register_audit_actions
        from programs import tasks  # noqa: F401  (registers the tasks the services enqueue by name)
        from programs.exports import register as register_list_exports
        from programs.workflow import ACTIVITY_WORKFLOW
        from workflow import register_workflow

        register_audit_actions(
            {
                "target_set": _("Target set"),
                "target_delete": _("Target removed"),
                "activity_status": _("Activity status changed"),
                "enrolment_create": _("Enrolled"),
                "enrolment_delete": _("Enrolment withdrawn"),
                "enrolment_complete": _("Completion recorded"),
                "question_ask": _("Question asked"),
                "question_answer": _("Question answered"),
                "question_publish": _("Question published"),
                "question_unpublish": _("Question withdrawn from publication"),
                "question_group": _("Question grouped"),
            }
        )
        register_list_exports()
        register_workflow(ACTIVITY_WORKFLOW)
