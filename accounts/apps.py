from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Regions, organisations and users")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts import checks  # noqa: F401 — registers the deploy checks
        from accounts.middleware import remember_two_factor_enrolment, stamp_session_activity

        user_logged_in.connect(stamp_session_activity, dispatch_uid="accounts.stamp_session_activity")
        user_logged_in.connect(remember_two_factor_enrolment, dispatch_uid="accounts.remember_two_factor_enrolment")
