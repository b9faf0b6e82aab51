"""Text rules shared by every input and output path: trimming, control and invisible characters,
comparison keys.

**Invisible characters** — zero-width spaces and joiners, the BOM, the soft hyphen, bidirectional
controls — are removed from every single-line field as it is stored and from every comparison key:
``荣昌区\u200b融媒体中心`` is the same outlet as 荣昌区融媒体中心 (it used to import beside it).
**Control characters** (C0 and DEL) are refused on input, and dropped from every output
(:func:`clean_output`, :func:`sanitize_xml`): files written by other tools or older versions may
still hold them.
"""

from __future__ import annotations

import re
import unicodedata

from planner.domain.errors import ValidationError

# C0 controls but tab, newline and carriage return; DEL; U+FFFE/U+FFFF; lone surrogates. XML 1.0
# cannot carry most of them, and DEL, though legal XML, is garbage in any document or table.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
#: Zero-width characters, the BOM, the soft hyphen, and bidirectional marks, embeddings,
#: overrides and isolates: invisible, and enough to make two equal names differ.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\s\u3000]+")


def sanitize_xml(text: str) -> str:
    """Drop control characters (C0 but tab/newline/CR, and DEL) and what XML 1.0 cannot hold —
    the one output sanitizer for docx, GraphML, GEXF, calendars, tables and pictures."""
    return _XML_BAD.sub("", text)


def clean_output(value: object) -> str:
    """Text for any output (a document, a table cell, a calendar field, a picture's label)."""
    return _XML_BAD.sub("", "" if value is None else str(value))


def strip_invisible(text: str) -> str:
    """``text`` without zero-width, BOM, soft-hyphen and bidirectional control characters."""
    return INVISIBLE.sub("", text)


def clean_line(value: object, *, what: str, field: str, required: bool = True, max_len: int = 200) -> str:
    """A single-line text field: trimmed, inner runs of white space folded, no control characters."""
    text = "" if value is None else str(value)
    text = strip_invisible(text).replace("\u3000", " ").strip()
    if _SINGLE_LINE_BAD.search(text):
        raise ValidationError("control_chars", field=field, what=what)
    text = _SPACES.sub(" ", text)
    if required and not text:
        raise ValidationError("empty", field=field, what=what)
    if len(text) > max_len:
        raise ValidationError("too_long", field=field, what=what, limit=max_len)
    return text


def clean_text(value: object, *, what: str, field: str, max_len: int = 20000) -> str:
    """A multi-line text field: newlines and tabs kept, other control characters refused."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _XML_BAD.search(text) or "\x7f" in text:
        raise ValidationError("control_chars", field=field, what=what)
    if len(text) > max_len:
        raise ValidationError("too_long", field=field, what=what, limit=max_len)
    return text


def name_key(text: str) -> str:
    """Comparison key for duplicate names: width-folded, case-folded, without white space or
    invisible characters."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", strip_invisible(text))).casefold()


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (for codes, numbers, enum words)."""
    return unicodedata.normalize("NFKC", text).strip()
