"""The admin reads in Chinese (issue 15): Django's own 修改 is not overridden by the project's "Change",
the header names the portal, and django-axes' models have Chinese names."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from accounts.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_projects_change_has_a_context_and_leaves_djangos_own():
    with translation.override("zh-hans"):
        assert gettext("Change") == "修改"
        assert pgettext("eligibility run result", "Change") == "变化"


def test_axes_models_and_app_read_in_chinese():
    with translation.override("zh-hans"):
        assert str(apps.get_app_config("axes").verbose_name) == "登录锁定"
        assert str(AccessAttempt._meta.verbose_name_plural) == "登录尝试"
        assert str(AccessLog._meta.verbose_name_plural) == "登录日志"
        assert str(AccessFailureLog._meta.verbose_name_plural) == "登录失败记录"
        assert str(AccessAttempt._meta.get_field("ip_address").verbose_name) == "IP 地址"


def test_the_admin_index_and_a_changelist_name_the_portal_in_chinese(client_for, world):
    client = client_for(world.admin)
    client.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        index = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        changelist = client.get(
            reverse("admin:accounts_organisation_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()
    assert "人才工作平台管理后台" in index and "Django 管理" not in index and "Django" not in index
    assert "登录锁定" in index and "登录尝试" in index
    assert Organisation.objects.exists() and "修改" in index and "变化" not in index + changelist
