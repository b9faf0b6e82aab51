"""The alliances' directory loads without projects, merges into a database in use, and twice is once."""

from __future__ import annotations

from pathlib import Path

from planner.cli import main
from planner.domain.enums import Tier
from planner.services import outlets, queries
from planner.services.alliance_directory import load_directory
from planner.store.database import open_database


def test_directory_without_projects_and_idempotent(db) -> None:  # type: ignore[no-untyped-def]
    mine = outlets.create_outlet(db, name="四川日报报业集团", tier=Tier.PROVINCIAL, short_name="川报").row
    first = load_directory(db)
    counts = queries.counts(db)
    assert counts["projects"] == 0 and counts["people"] == 0 and counts["alliances"] == 6
    assert counts["outlets"] == first.added["outlets"] + 1 > 200
    # no made-up contact people or numbers on real outlets unless the sample staff are asked for
    assert not any(o.contact_name or o.contact_phone for o in queries.list_outlets(db))
    assert first.ids["四川日报报业集团"] == mine.id  # the desk's own record is kept, not duplicated
    assert queries.list_outlets(db, ids=[mine.id])[0].short_name == "川报"
    tianfu = next(a for a in queries.list_alliances(db) if a.name == "天府融媒联合体")
    assert any(m.outlet_id == mine.id for m in queries.list_memberships(db, alliance_id=tianfu.id))
    again = load_directory(db)
    assert again.added == {"outlets": 0, "alliances": 0, "memberships": 0, "people": 0}
    assert again.changes.empty and queries.counts(db) == counts
    staffed = load_directory(db, people_too=True)
    assert staffed.added["people"] == queries.counts(db)["people"] > 100 and staffed.added["outlets"] == 0


def test_cli_directory_load(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "desk.db"
    assert main(["directory", "load", "--db", str(path)]) == 0
    assert "新增 媒体单位" in capsys.readouterr().out
    assert main(["--lang", "en", "directory", "load", "--db", str(path), "--people"]) == 0
    out = capsys.readouterr().out
    assert "added outlets=0" in out and "people=" in out and "people=0" not in out
    assert list((tmp_path / "desk.db.backups").glob("*before-directory-load*"))  # backed up before adding
    with open_database(path, read_only=True) as db:
        assert queries.counts(db)["projects"] == 0
