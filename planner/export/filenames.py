"""File names for exported documents, cut to what the file system allows.

ext4, NTFS and most others allow 255 *bytes* per name (NTFS: 255 UTF-16 units); Chinese takes 3
bytes a character in UTF-8 and rare characters 4, so a name is cut by its UTF-8 length, never
in the middle of a character, leaving room for the suffix and a ``-2`` that tells two subjects of
the same name apart.
"""

from __future__ import annotations

from planner.atomic import safe_filename

MAX_NAME_BYTES = 255
_RESERVE = 5  # "-9999" for names made unique


def fit_stem(stem: str, suffix: str = "", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``stem`` made safe for a file name and cut so that ``stem + "-NNN" + suffix`` fits."""
    clean = safe_filename(stem, max_len=10_000)
    budget = max_bytes - len(suffix.encode("utf-8")) - _RESERVE
    return cut_bytes(clean, budget).rstrip(" .-_") or "_"


def fit_name(stem: str, suffix: str = "", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A whole file name: :func:`fit_stem` plus ``suffix``."""
    return fit_stem(stem, suffix, max_bytes=max_bytes) + suffix


def cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 encoding is at most ``limit`` bytes."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    return data[:max(limit, 0)].decode("utf-8", "ignore")


def unique_names(stems: list[str], suffix: str) -> list[str]:
    """File names for ``stems``, made unique (case-insensitively) with ``-2``, ``-3``…"""
    seen: set[str] = set()
    out = []
    for stem in stems:
        base = fit_stem(stem, suffix)
        name, n = base, 2
        while name.casefold() in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name.casefold())
        out.append(name + suffix)
    return out
