"""Spreadsheet-safe exports: every CSV Pnyx serves goes through `csv_bytes`.

A cell starting with `=`, `+`, `-`, `@`, a tab, a carriage return or NUL could run as a formula
when a spreadsheet opens the file; such cells get a leading apostrophe so they show as text.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_csv_cell(value: Any) -> str:
    """The text of a cell, with formula-like starts neutralised."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 CSV of the rows under the header, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
