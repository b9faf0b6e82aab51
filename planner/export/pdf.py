"""PDF copies of the Word documents, made by an office suite installed on this machine.

People pass documents around in WeChat groups, where a PDF opens on every phone. The .docx is
converted by LibreOffice (``soffice --headless --convert-to pdf``) — the same layout a producer
checks on screen. WPS Office has no command-line converter, so on a machine with WPS only the
message says to save as PDF from WPS (or to install LibreOffice). The converter runs with a
private, throw-away profile so that a LibreOffice window the user has open neither blocks nor
swallows the conversion, and with a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.atomic import atomic_target, write_all_or_nothing
from planner.domain.errors import ValidationError

#: seconds allowed for one conversion run (LibreOffice's first start takes a few seconds)
TIMEOUT_BASE = 120
TIMEOUT_PER_FILE = 20

_CANDIDATES_WINDOWS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                       r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_CANDIDATES_MAC = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",)


class ConverterMissingError(ValidationError):
    """No office suite that can write PDF is installed."""

    def __init__(self, wps_found: bool = False) -> None:
        self.wps_found = wps_found
        if wps_found:
            zh = "本机的 WPS 不能在后台转换 PDF：请用 WPS 打开 Word 文件后“输出为 PDF”，或安装 LibreOffice 后重试"
            en = ("WPS on this machine cannot convert to PDF in the background: open the Word file in WPS and "
                  "export it as PDF, or install LibreOffice and try again")
        else:
            zh = "需要 LibreOffice 才能导出 PDF：请安装 LibreOffice（免费）后重试，或先导出 Word 文件"
            en = "PDF export needs LibreOffice: install it (it is free) and try again, or export the Word file"
        super().__init__("invalid", field="format", detail=f"{zh} / {en}")


class ConversionError(ValidationError):
    """The office suite ran but did not produce the PDF."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__("invalid", field="format",
                         detail=f"转换为 PDF 失败（{name}）：{reason} / could not convert {name} to PDF: {reason}")


@dataclass(frozen=True)
class Converter:
    program: str
    kind: str = "libreoffice"


def find_converter() -> Converter | None:
    """LibreOffice's ``soffice`` on the PATH (``PLANNER_SOFFICE`` overrides) or in its usual place."""
    override = os.environ.get("PLANNER_SOFFICE")
    if override is not None:
        return Converter(override) if override and Path(override).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Converter(found)
    places = _CANDIDATES_WINDOWS if sys.platform.startswith("win") else (
        _CANDIDATES_MAC if sys.platform == "darwin" else ())
    for candidate in places:
        if Path(candidate).exists():
            return Converter(candidate)
    return None


def wps_installed() -> bool:
    return any(shutil.which(n) for n in ("wps", "wpsoffice", "ksolaunch"))


def require_converter() -> Converter:
    """The converter, or a :class:`ConverterMissingError` saying what to install."""
    found = find_converter()
    if found is None:
        raise ConverterMissingError(wps_found=wps_installed())
    return found


def convert_to_pdf(sources: list[Path], out_dir: Path, converter: Converter | None = None) -> list[Path]:
    """Convert .docx ``sources`` to PDFs in ``out_dir`` (same stems) in one run; return the PDFs.

    Raises :class:`ConverterMissingError` without a converter and :class:`ConversionError` when a PDF
    does not appear (a damaged file, a full disk, the time limit).
    """
    if not sources:
        return []
    conv = converter or require_converter()
    # absolute paths: LibreOffice reads a relative one against its own idea of the folder
    sources = [Path(s).resolve() for s in sources]
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planner-soffice-") as profile:
        cmd = [conv.program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir),
               *(str(s) for s in sources)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=False,
                                  timeout=TIMEOUT_BASE + TIMEOUT_PER_FILE * len(sources), stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionError(sources[0].name, "LibreOffice 超时 / LibreOffice timed out") from None
        except OSError as err:
            raise ConversionError(sources[0].name, str(err)) from None
    pdfs = [out_dir / (s.stem + ".pdf") for s in sources]
    missing = [p for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        detail = (done.stderr or done.stdout or "").strip().splitlines()
        raise ConversionError(missing[0].with_suffix(".docx").name, detail[-1] if detail else f"exit {done.returncode}")
    return pdfs


def write_pdf(dest: Path, write_docx: Callable[[Path], object]) -> Path:
    """Write one document as PDF at ``dest``: ``write_docx(path)`` makes the .docx in a scratch
    folder beside ``dest``, LibreOffice converts it, and the PDF replaces ``dest`` atomically."""
    conv = require_converter()  # before any work: no point laying out a pack that cannot be converted
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".~pdf-", dir=dest.parent) as tmp:
        source = Path(tmp) / "document.docx"
        write_docx(source)
        pdf = convert_to_pdf([source], Path(tmp) / "out", conv)[0]
        with atomic_target(dest) as target:
            shutil.copyfile(pdf, target)
    return dest


def write_pdfs(folder: Path, write_docx: Callable[[Path], list[Path]]) -> list[Path]:
    """Write several documents as PDFs into ``folder``, all or none: ``write_docx(scratch)`` writes
    the .docx files into a scratch folder and returns them; each becomes ``<same name>.pdf``."""
    conv = require_converter()
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=".~pdf-", dir=folder) as tmp:
            sources = write_docx(Path(tmp) / "docx")
            pdfs = convert_to_pdf(sources, Path(tmp) / "out", conv)
            targets = [folder / p.name for p in pdfs]
            return write_all_or_nothing(targets, lambda i, t: shutil.copyfile(pdfs[i], t))
    except BaseException:
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
