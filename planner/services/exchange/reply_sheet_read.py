"""Reading a filled reply sheet (.xlsx) back, bounded, before anything in it is interpreted.

The sheet comes from another outlet (:mod:`planner.export.replysheet` writes it; Excel, WPS or
LibreOffice saved it): it is read like a roster (:mod:`planner.services.bounded_read`), and each of
its rows becomes plain text cells for :func:`planner.services.exchange.replies.plan_replies`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.domain.errors import InputFileError, error_text
from planner.export.replysheet import COLUMNS, FIRST_ROW, MAGIC, META_SHEET, SIGNER_CELL, SIGNER_PHONE_CELL
from planner.services.bounded_read import BoundedZip, ZipLimits, read_regular_file
from planner.services.exchange.errors import BundleError

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_SHEET_PARTS = 500  # a workbook's parts (sheets, styles, …): as for a roster
MAX_ROWS = 5000
MAX_CELL = 20000


@dataclass
class Sheet:
    """A filled reply sheet, read and bounded (nothing interpreted yet)."""

    meta: dict[str, str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values)
    signer: str = ""
    signer_phone: str = ""
    name: str = ""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    text = str(value)
    if len(text) > MAX_CELL:
        raise BundleError("sheet_cell", row="?", limit=MAX_CELL)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def read_reply_sheet(path: str | Path) -> Sheet:
    """Read a reply sheet as Excel, WPS or LibreOffice saved it; one clear error for anything else.

    The file comes from elsewhere, so it is read like a roster (:mod:`planner.services.bounded_read`):
    only a regular file, its size counted while reading, every part of the workbook inflated once
    within bounds before openpyxl sees it (a damaged deflate stream is a typed error, not ``zlib.error``).
    """
    path = Path(path)
    label = path.name
    try:
        data = read_regular_file(path, limit=MAX_SHEET_BYTES)
        with BoundedZip(data, path=label, limits=ZipLimits(
                members=MAX_SHEET_PARTS, member_bytes=MAX_UNPACKED_BYTES, total_bytes=MAX_UNPACKED_BYTES)) as archive:
            for info in archive.infos():
                archive.read(info)
    except InputFileError as err:
        raise _sheet_error(err, label) from None
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a bad workbook
        raise BundleError("sheet_unreadable", name=label) from None
    try:
        if META_SHEET not in wb.sheetnames:
            raise BundleError("not_a_reply_sheet", name=label)
        meta = {}
        for key, value, *_rest in wb[META_SHEET].iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
            if key:
                meta[str(key)] = _cell_text(value)
        if meta.get("magic") != MAGIC:
            raise BundleError("not_a_reply_sheet", name=label)
        if meta.get("version") != "1":
            raise BundleError("unknown_version", value=meta.get("version", "?"), supported="1")
        ws = wb[wb.sheetnames[0]] if wb.sheetnames[0] != META_SHEET else wb[wb.sheetnames[1]]
        signer = signer_phone = ""
        rows: list[tuple[int, dict[str, str]]] = []
        width = len(COLUMNS)
        for number, values in enumerate(ws.iter_rows(min_row=1, max_col=width, values_only=True), start=1):
            if number == int(SIGNER_CELL[1:]):
                signer_col, phone_col = ord(SIGNER_CELL[0]) - 65, ord(SIGNER_PHONE_CELL[0]) - 65
                signer = _cell_text(values[signer_col] if len(values) > signer_col else None)
                signer_phone = _cell_text(values[phone_col] if len(values) > phone_col else None)
            if number < FIRST_ROW:
                continue
            if number >= FIRST_ROW + MAX_ROWS:
                raise BundleError("sheet_rows", limit=MAX_ROWS)
            cells = {key: _cell_text(values[i] if i < len(values) else None) for i, key in enumerate(COLUMNS)}
            if any(cells.values()):
                rows.append((number, cells))
    except BundleError:
        raise
    except Exception:  # malformed sheet XML surfaces while iterating (ParseError, KeyError, …)
        raise BundleError("sheet_unreadable", name=label) from None
    finally:
        wb.close()
    return Sheet(meta=meta, rows=rows, signer=signer[:100], signer_phone=signer_phone[:50], name=label)


def _sheet_error(err: InputFileError, label: str) -> BundleError:
    """The bounded reader's refusal in the reply sheet's own words."""
    if err.code == "zip_invalid":
        return BundleError("sheet_unreadable", name=label)
    return BundleError("file", zh=error_text(err, "zh"), en=error_text(err, "en"))
