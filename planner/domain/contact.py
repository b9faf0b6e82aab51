"""Phone numbers and e-mail addresses as desks write them, checked.

A phone field holds one number or several (``028-86961234；138 0000 1111``). Each is a mainland
mobile (11 digits from 13–19, optionally after +86), a landline *with* its area code
(``028-86961234``, ``(023) 6365 1234``, ``0838-2123456``), a 400/800 service number, and may end
with an extension (``转 8012``, ``-8012`` after a full number, ``ext. 8012``). Full-width digits and
spaces are folded; the text is otherwise kept as written. A number without its area code is refused:
an editor in Chongqing cannot guess that ``86961234`` is in Chengdu.
"""

from __future__ import annotations

import re

from planner.domain.errors import ValidationError
from planner.domain.text import fold_width

_SPLIT = re.compile(r"\s*[;；,，、/]\s*")
_EXTENSION = re.compile(r"^(?P<main>.+?)\s*(?:转|分机|ext\.?|x|#)\s*(?P<ext>\d{1,6})$", re.IGNORECASE)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_SERVICE = re.compile(r"^[48]00\d{7}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def _digits(text: str) -> str | None:
    """The digits of one number written with spaces, hyphens, dots or (area code) parentheses."""
    if not re.fullmatch(r"[\d\s\-().]+", text):
        return None
    return re.sub(r"\D", "", text)


def _one_number_ok(text: str) -> bool:
    body = text.strip()
    for prefix in ("+86", "0086", "86-", "86 "):
        if body.startswith(prefix) and len(re.sub(r"\D", "", body)) > 11:
            body = body[len(prefix):].strip()
            break
    m = _EXTENSION.match(body)
    if m:
        body = m["main"]
    digits = _digits(body)
    if digits is None:
        return False
    if _MOBILE.match(digits) or _LANDLINE.match(digits) or _SERVICE.match(digits):
        return True
    # "028-86961234-8012": an extension after a hyphen, once the number before it is complete
    parts = re.split(r"-", body.strip())
    if len(parts) >= 3:
        head = _digits("-".join(parts[:-1]))
        tail = parts[-1].strip()
        if head and tail.isdigit() and len(tail) <= 6 and _LANDLINE.match(head):
            return True
    return False


def clean_phone(value: object, *, field: str) -> str:
    """The phone field as written (width-folded, spaces tidied); ``""`` when blank.

    Raises ``ValidationError("bad_phone")`` naming the first number that is not one."""
    text = re.sub(r"\s+", " ", fold_width(str(value or ""))).strip()
    if not text:
        return ""
    for number in _SPLIT.split(text):
        if number and not _one_number_ok(number):
            raise ValidationError("bad_phone", field=field, value=number)
    return text


def clean_email(value: object, *, field: str) -> str:
    """An e-mail address (trimmed, width-folded) or ``""``; ``ValidationError("bad_email")`` otherwise."""
    text = fold_width(str(value or "")).strip()
    if text and not _EMAIL.match(text):
        raise ValidationError("bad_email", field=field, value=text)
    return text
