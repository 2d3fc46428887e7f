"""Shared by the programs page tests: the dashboard's address and an upload workbook."""

import io

from django.urls import reverse
from openpyxl import Workbook

from tests.programs.factories import plan


def progress_url(name="programs:plan-progress", **query):
    url = reverse(name, args=[plan().pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "enrolments.xlsx"
    return buffer


# The dashboard
