from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "talents"
    verbose_name = _("Talent registry")

    def ready(self):
        from talents.exports import register as register_list_exports

        register_list_exports()
        import talents.tasks  # noqa: F401  (registers the figures' refresh task in every process)
