"""Text rules shared by every input path: trimming, control characters, comparison keys."""

from __future__ import annotations

import re
import unicodedata

from planner.domain.errors import ValidationError

# Characters XML 1.0 cannot carry, plus U+FFFE/U+FFFF and lone surrogates.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\s\u3000]+")


def sanitize_xml(text: str) -> str:
    """Drop every character XML 1.0 cannot hold (one sanitizer for docx, GraphML, GEXF)."""
    return _XML_BAD.sub("", text)


def clean_line(value: object, *, what: str, field: str, required: bool = True, max_len: int = 200) -> str:
    """A single-line text field: trimmed, inner runs of white space folded, no control characters."""
    text = "" if value is None else str(value)
    text = text.replace("\u3000", " ").strip()
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
    """Comparison key for duplicate names: width-folded, case-folded, without white space."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (for codes, numbers, enum words)."""
    return unicodedata.normalize("NFKC", text).strip()
