"""Turning what callers pass (enums, codes, labels, text) into checked column values."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from planner.domain.enums import Format, LabeledEnum
from planner.domain.errors import ValidationError
from planner.domain.places import normalize_code, places
from planner.domain.text import fold_width
from planner.domain.timefmt import parse_date, parse_datetime

E = TypeVar("E", bound=LabeledEnum)


def enum_value(cls: type[E], value: Any, *, what: str, field: str) -> str:
    if isinstance(value, cls):
        return value.value
    try:
        return cls.parse(fold_width(str(value))).value
    except ValueError:
        raise ValidationError("bad_choice", field=field, what=what, value=str(value)) from None


def formats_value(values: Iterable[Any] | str | None, *, field: str = "formats") -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [v for v in _split(values) if v]
    out: list[str] = []
    for v in values:
        code = enum_value(Format, v, what="形式", field=field)
        if code not in out:
            out.append(code)
    return out


def _split(text: str) -> list[str]:
    for sep in "，、;；|/":
        text = text.replace(sep, ",")
    # "VR/AR" contains a slash: put it back together.
    text = text.replace("VR,AR", "VR/AR").replace("vr,ar", "vr/ar")
    return [p.strip() for p in text.split(",")]


def adcode_value(value: Any, *, field: str = "adcode") -> str | None:
    """A known place code (or an unambiguous place name) → 12-digit code; blank → None.

    A former code (500228, 梁平县 before 2016) is stored as the current one (500155000000).
    """
    if value is None or str(value).strip() == "":
        return None
    text = fold_width(str(value))
    if text.isdigit():
        code = places().current_code(normalize_code(text))
        if code is None:
            raise ValidationError("unknown_place", field=field, value=str(value))
        return code
    place = places().resolve(text)
    if place is None:
        raise ValidationError("unknown_place", field=field, value=str(value))
    return place.adcode


#: The largest whole number a count field (capacity, position) takes; far beyond any real plan,
#: far below what a 64-bit column holds.
MAX_COUNT = 1_000_000


def int_value(value: Any, *, what: str, field: str, maximum: int = MAX_COUNT) -> int | None:
    """A whole number ≥ 0 written with ASCII or full-width digits; blank → None.

    Other scripts' digits (U+10A40 KHAROSHTHI DIGIT ONE passes ``str.isdigit`` but not ``int``)
    and numbers past ``maximum`` are refused with a message, never a traceback or an overflow.
    """
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise ValidationError("bad_number", field=field, what=what, value=str(value))
    text = fold_width(str(value))[:40]
    if not (text.isascii() and text.isdigit()):
        raise ValidationError("bad_number", field=field, what=what, value=str(value)[:40])
    number = int(text)
    if number > maximum:
        raise ValidationError("number_too_large", field=field, what=what, value=text, limit=maximum)
    return number


def date_value(value: Any, *, field: str) -> date | None:
    return parse_date(value, field=field)


def datetime_value(value: Any, *, field: str) -> datetime | None:
    return parse_datetime(value, field=field)


def check_order(start: date | datetime | None, end: date | datetime | None, *, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("end_before_start", field=field)


def uuid_value(value: Any, *, what: str, field: str) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError("not_found", field=field, what=what, ref=str(value)) from None


UNSET: Any = object()
"""Marker for "leave this field as it is" in update calls."""
