"""What a merge leaves in the history: each record it brings is logged with its values, so the
history shows them and 撤销此项更改 can take an imported record out again (a stage link too)."""

from __future__ import annotations

from planner.domain.enums import Action, Entity
from planner.services import audit
from planner.services.exchange import export_bundle, import_bundle
from planner.services.queries import list_projects
from planner.services.revert import Revert


def _links(db) -> int:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM stage_dependency").scalar()


def test_imported_records_are_logged_with_their_values_and_can_be_reverted(demo_db, desk_b, tmp_path):
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "p.jcp")
    import_bundle(desk_b, tmp_path / "p.jcp")
    entries = audit.history(desk_b, audit.HistoryFilter(project_id=project.id, actions=(Action.IMPORT,), limit=5000))
    by_kind = {e.entity: e for e in entries}
    stage = by_kind[Entity.STAGE]
    assert stage.after and stage.after["title"] and stage.after["project_id"] == str(project.id)
    link = by_kind[Entity.STAGE_DEPENDENCY]
    assert {"stage_id", "depends_on_id"} <= set(link.after or {})
    links_before = _links(desk_b)
    command = Revert(link.id)
    command.do(desk_b)
    assert _links(desk_b) == links_before - 1
    command.undo(desk_b)
    assert _links(desk_b) == links_before
