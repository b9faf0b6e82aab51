"""Atomic output keeps nothing half-written and leaves normal permissions; the wheel carries resources."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from planner.atomic import atomic_target, safe_filename, write_all_or_nothing, write_bytes_atomic

ROOT = Path(__file__).resolve().parents[2]


def test_written_file_gets_umask_permissions_not_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    os.umask(old)
    target = write_bytes_atomic(tmp_path / "计划.ics", b"data")
    mode = stat.S_IMODE(target.stat().st_mode)
    if os.name == "posix":
        assert mode == 0o666 & ~old
    assert [p.name for p in tmp_path.iterdir()] == ["计划.ics"]


def test_failure_inside_atomic_target_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.docx"]


def test_all_or_nothing_writes_none_when_one_fails(tmp_path: Path) -> None:
    targets = [tmp_path / "sheets" / f"{i}.docx" for i in range(3)]

    def write(i: int, tmp: Path) -> None:
        if i == 2:
            raise OSError("disk full")
        tmp.write_bytes(b"x")

    with pytest.raises(OSError):
        write_all_or_nothing(targets, write)
    assert list((tmp_path / "sheets").iterdir()) == []


def test_safe_filename_removes_separators_and_controls() -> None:
    assert safe_filename('重庆/西站:\x07"a"') == "重庆_西站_a_"
    assert safe_filename("  ..  ") == "_"


def _package_dirs() -> set[str]:
    return {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "planner").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }


def test_pyproject_lists_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    assert listed - {"planner._resources"} == _package_dirs()
    assert config["package-dir"]["planner._resources"] == "resources"


@pytest.mark.slow
def test_wheel_carries_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("planner/_resources/places/adcodes.csv", "planner/_resources/places/LICENSE",
                   "planner/_resources/fonts/OFL.txt", "planner/_resources/schemas/bundle.schema.json",
                   "planner/_resources/templates/planner-default.docx",
                   "planner/_resources/translations/planner_en.qm",
                   "planner/store/migrations/env.py", "planner/store/migrations/script.py.mako",
                   "planner/store/migrations/versions/0001_initial.py"):
        assert needed in names, needed
    assert any(n.startswith("planner/_resources/fonts/") and n.endswith(".otf") for n in names)
