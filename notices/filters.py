"""The notices lists' filters: one definition each, shared by the page, its xlsx export and the API."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilterSet, ScopedModelChoiceFilter
from notices.models import NoticeStatus, Objection, ObjectionStatus, PublicNotice
from notices.rules import notice_region_scope

SMALL_SELECT = {"class": "form-select form-select-sm w-auto"}


class ObjectionFilter(ListFilterSet):
    """The officials' objection list: a status, a notice among those the actor handles."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ObjectionStatus.choices,
        empty_label=_("All statuses"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )
    notice = ScopedModelChoiceFilter(
        label=_("Notice"),
        field_name="entry__notice",
        queryset=PublicNotice.objects.none(),
        empty_label=_("All notices"),
        widget=forms.Select(attrs=SMALL_SELECT),
    )

    receipt = django_filters.CharFilter(
        label=_("Receipt number"),
        field_name="receipt_number",
        method="filter_receipt",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm w-auto"}),
    )

    class Meta:
        model = Objection
        fields = ["status", "notice", "receipt"]

    @staticmethod
    def filter_receipt(queryset, name, value):
        # Quoted on the telephone: case and surrounding spaces do not matter.
        return queryset.filter(receipt_number=(value or "").strip().upper()) if value else queryset

    def limit_choices(self, actor) -> None:
        if actor is not None:
            self.form.fields["notice"].limit_to(
                lambda: PublicNotice.objects.filter(notice_region_scope(actor)).order_by("-opens_on", "-pk")
            )


def due_to_close(today: datetime.date) -> Q:
    """Open notices whose last day of objections has passed: the daily task or an official closes them."""
    return Q(status=NoticeStatus.OPEN, closes_on__lt=today)


class NoticeFilter(ListFilterSet):
    """The public notice list: its page (``due`` only) and its API."""

    status = django_filters.ChoiceFilter(choices=NoticeStatus.choices)
    due = django_filters.BooleanFilter(label=_("Due to close"), method="filter_due")

    class Meta:
        model = PublicNotice
        fields = ["status", "source", "due"]

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        condition = due_to_close(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)
