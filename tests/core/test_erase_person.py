"""Erasing a person's personal data (issue #10, item 13; 个人信息保护法).

A deleted person's phone and e-mail used to survive in ``change_log`` and every backup. Erasing
scrubs them from the record, the log and — bytes included — the database file and its WAL; the
erase is logged without the data, and older backups can be purged.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from planner.cli import main
from planner.domain.enums import Action, Entity
from planner.domain.errors import NotFoundError
from planner.services import files, outlets, people, queries
from planner.services.commands import Delete, Update

PHONE, EMAIL, NAME = "13912345678", "zhang.min@example.cn", "张敏敏"


def _raw(path) -> bytes:  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _log(path, pid):  # type: ignore[no-untyped-def]
    """(action, before, after) of every change-log entry about ``pid``, JSON decoded."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT action, before, after FROM change_log WHERE entity_id = ? ORDER BY at",
                           (pid.hex,)).fetchall()
    finally:
        con.close()
    return [(a, (json.loads(b) if b else None) or {}, (json.loads(c) if c else None) or {}) for a, b, c in rows]


def _secrets(text: str) -> list[bytes]:
    """``text`` as it may sit in the file: UTF-8, or JSON-escaped."""
    return [text.encode(), json.dumps(text).strip('"').encode()]


@pytest.fixture
def person(db):  # type: ignore[no-untyped-def]
    outlet = outlets.create_outlet(db, name="荣昌区融媒体中心", tier="county").row
    row = people.create_person(db, outlet_id=outlet.id, name=NAME, role="reporter", phone=PHONE, email=EMAIL).row
    Update(Entity.PERSON, row.id, {"phone": "13900000000"}, expected_version=1).do(db)
    Update(Entity.PERSON, row.id, {"phone": PHONE}, expected_version=2).do(db)
    return row


def test_a_deleted_persons_data_leaves_the_log_and_the_file(db, person) -> None:  # type: ignore[no-untyped-def]
    files.backup_now(db, "before-import")
    Delete(Entity.PERSON, person.id, expected_version=3).do(db)
    assert PHONE.encode() in _raw(db.path)
    [found] = [p for p in people.erasable_people(db) if p.id == person.id]
    assert found.deleted and found.name == NAME
    people.erase_personal_data(db, person.id)
    raw = _raw(db.path)
    for secret in (PHONE, EMAIL, NAME, "13900000000"):
        for form in _secrets(secret):
            assert form not in raw, secret  # not in a free page, not in the WAL
    log = _log(db.path, person.id)
    assert log[-1] == (Action.ERASE.value, {}, {"erased": ["name", "phone", "email"]})
    assert all(NAME not in json.dumps([b, a], ensure_ascii=False) for _act, b, a in log)
    assert person.id not in {p.id for p in people.erasable_people(db)}
    [backup] = files.list_backups(db)
    assert PHONE.encode() in backup.path.read_bytes()  # older backups still hold it …
    assert files.purge_backups(db) == 1 and files.list_backups(db) == []  # … until purged


def test_a_current_person_keeps_their_name_and_loses_contacts(db, person) -> None:  # type: ignore[no-untyped-def]
    people.erase_personal_data(db, person.id)
    row = next(p for p in queries.list_people(db) if p.id == person.id)
    assert (row.name, row.phone, row.email) == (NAME, "", "")
    raw = _raw(db.path)
    assert PHONE.encode() not in raw and EMAIL.encode() not in raw
    assert any(a.get("name") == NAME for _act, _b, a in _log(db.path, person.id))  # the name stays


def test_an_unknown_person(db) -> None:  # type: ignore[no-untyped-def]
    import uuid

    with pytest.raises(NotFoundError):
        people.erase_personal_data(db, uuid.uuid4())


def test_the_cli_erases_by_name_and_purges_backups(db, person, capsys) -> None:  # type: ignore[no-untyped-def]
    files.backup_now(db, "manual")
    path = db.path
    Delete(Entity.PERSON, person.id, expected_version=3).do(db)
    db.close()
    assert main(["erase", "person", NAME, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"已清除“{NAME}”的个人信息" in out and "--purge-backups" in out
    assert main(["--lang", "en", "erase", "person", NAME, "--db", str(path)]) == 1  # gone from the list now
    assert "No person found" in capsys.readouterr().err
    outlet = None
    from planner.store.database import open_database

    with open_database(path) as again:
        outlet = queries.list_outlets(again)[0]
        other = people.create_person(again, outlet_id=outlet.id, name="王芳", role="editor", phone="13700000000").row
    assert main(["--lang", "en", "erase", "person", str(other.id)[:8], "--db", str(path), "--purge-backups"]) == 0
    out = capsys.readouterr().out
    assert "Erased the personal data of 王芳" in out and "Deleted 1 older automatic backups" in out


def test_decided_exchange_conflicts_lose_the_values_too(db, person) -> None:  # type: ignore[no-untyped-def]
    """A merge's decided conflict keeps both values of a field: a phone that lost still sits there."""
    from sqlalchemy import select

    from planner.store.models import SyncConflict

    with db.transaction() as s:
        s.add(SyncConflict(peer="desk-b", peer_name="江津", entity=Entity.PERSON.value, record_id=person.id,
                           label=NAME, field="phone", mine={"value": PHONE}, theirs={"value": "13811112222"},
                           chosen="mine"))
    Delete(Entity.PERSON, person.id, expected_version=3).do(db)
    people.erase_personal_data(db, person.id)
    with db.reader() as s:
        [row] = s.scalars(select(SyncConflict)).all()
        assert (row.label, row.mine, row.theirs) == (people.ERASED_NAME, {"value": ""}, {"value": ""})
    raw = _raw(db.path)
    for secret in (PHONE, "13811112222", NAME):
        for form in _secrets(secret):
            assert form not in raw, secret
