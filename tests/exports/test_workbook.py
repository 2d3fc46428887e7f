"""The one xlsx writer of every list export: values read back as written, user text never a formula."""

import datetime
import io
from types import SimpleNamespace

from openpyxl import load_workbook

from exports.registry import Column
from exports.workbook import write_workbook


class Rows(list):
    def iterator(self, chunk_size):
        return iter(self)


def written(values):
    spec = SimpleNamespace(
        filename="probe", fields=(), columns=tuple(Column(f"H{n}", lambda row, n=n: row[n]) for n in range(len(values)))
    )
    buffer = io.BytesIO()
    assert write_workbook(spec, Rows([values]), buffer) == 1
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet.title == "probe"
    assert [cell.value for cell in sheet[1]] == [f"H{n}" for n in range(len(values))]
    return sheet[2]


def test_text_beginning_like_a_formula_stays_text():
    cells = written(["=1+1", "+86 20", "-3", "@SUM(A1)", 'a<b & "c"', "李明\x07"])
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ("=1+1", "s"),
        ("+86 20", "s"),
        ("-3", "s"),
        ("@SUM(A1)", "s"),
        ('a<b & "c"', "s"),
        ("李明", "s"),  # a control character XML cannot hold is dropped
    ]


def test_numbers_dates_and_empty_values_read_back_as_written():
    cells = written([1985, 2.5, True, datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5), None])
    assert [cell.value for cell in cells] == [
        1985,
        2.5,
        True,
        datetime.datetime(2024, 2, 29),
        datetime.datetime(2024, 1, 2, 3, 4, 5),
        None,
    ]
