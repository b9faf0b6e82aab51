"""Synthetic scale data for benchmarks and soak tests (``planner-cli synth``).

Rows are written in bulk with SQLAlchemy Core inside one transaction — the services' per-row
validation and change log would make 200,000 assignments take minutes. Values still respect every
rule the services enforce (unique names, valid places, legal statuses, people of the right outlet).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from planner.domain.enums import Format, PersonRole, ProjectKind, ProjectStatus, Role, StageKind, Status, Tier
from planner.domain.errors import ValidationError
from planner.domain.places import CHONGQING, SICHUAN, places
from planner.store.database import Database
from planner.store.models import Assignment, AssignmentPerson, Outlet, Person, Project, Stage

_FORMATS = [f.value for f in Format]
_STATUSES = [Status.PLANNED, Status.CONFIRMED, Status.IN_PROGRESS, Status.FILED, Status.PUBLISHED,
             Status.DECLINED, Status.CANCELLED]
_STATUS_WEIGHTS = [30, 25, 15, 10, 15, 3, 2]
_CHUNK = 20000


def synth(
    db: Database, *, outlets: int = 300, projects: int = 1000, stages: int = 20, per_stage: int = 10, seed: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, int]:
    """Add ``projects`` × ``stages`` × ``per_stage`` assignments over ``outlets`` new outlets."""
    for name, value in (("outlets", outlets), ("projects", projects), ("stages", stages), ("per-stage", per_stage)):
        if value < 0 or (name == "outlets" and value < 1):
            raise ValidationError("bad_number", what="数量", value=f"{name}={value}")
    if per_stage > outlets:
        raise ValidationError("invalid", detail=f"--per-stage ({per_stage}) cannot exceed --outlets ({outlets})")
    rng = random.Random(seed)
    report = progress or (lambda *_: None)
    now = datetime.now(UTC)
    tag = f"S{seed}-{uuid.uuid4().hex[:4]}"
    pool = [p for p in places().counties(SICHUAN) + places().counties(CHONGQING)]
    stamp = {"created_at": now, "updated_at": now, "version": 1}

    outlet_rows: list[dict[str, Any]] = []
    for i in range(outlets):
        place = pool[i % len(pool)]
        tier = Tier.COUNTY if i >= 30 else (Tier.PROVINCIAL if i < 6 else Tier.MUNICIPAL)
        name = f"{place.name}合成媒体{tag}-{i:04d}"
        outlet_rows.append({
            "id": uuid.UUID(int=rng.getrandbits(128)), "name": name, "name_key": name.casefold(),
            "short_name": f"{place.name[:4]}{i}", "tier": tier.value, "adcode": place.adcode,
            "platform": "新重庆" if place.adcode.startswith(CHONGQING) else "天府融媒", "parent_id": None,
            "formats": rng.sample(_FORMATS, rng.randint(3, 8)), "capacity": rng.choice((None, 20, 50, 100)),
            "contact_name": "", "contact_phone": "", "contact_email": "", "notes": "", **stamp,
        })
    people_rows: list[dict[str, Any]] = []
    people_of: dict[uuid.UUID, list[uuid.UUID]] = {}
    roles = [r.value for r in PersonRole]
    for o in outlet_rows:
        for j in range(3):
            pid = uuid.UUID(int=rng.getrandbits(128))
            people_rows.append({"id": pid, "outlet_id": o["id"], "name": f"人员{j + 1}-{o['short_name']}",
                                "role": roles[j % len(roles)], "phone": "", "email": "", "active": True, **stamp})
            people_of.setdefault(o["id"], []).append(pid)
    outlet_ids = [o["id"] for o in outlet_rows]

    total = projects * stages * per_stage
    written = 0
    with db.engine.begin() as conn:
        conn.execute(insert(Outlet), outlet_rows)
        conn.execute(insert(Person), people_rows)
        report(0, total, "outlets")
        start_day = date(2026, 1, 1)
        stage_buf: list[dict[str, Any]] = []
        asg_buf: list[dict[str, Any]] = []
        link_buf: list[dict[str, Any]] = []

        def flush() -> None:
            if stage_buf:
                conn.execute(insert(Stage), stage_buf)
                stage_buf.clear()
            if asg_buf:
                conn.execute(insert(Assignment), asg_buf)
                asg_buf.clear()
            if link_buf:
                conn.execute(insert(AssignmentPerson), link_buf)
                link_buf.clear()

        project_rows = []
        for p in range(projects):
            pid = uuid.UUID(int=rng.getrandbits(128))
            first = start_day + timedelta(days=rng.randint(0, 700))
            title = f"合成项目{tag}-{p:05d}"
            project_rows.append({
                "id": pid, "title": title, "title_key": title.casefold(), "code": f"{tag}-{p:05d}",
                "kind": rng.choice([k.value for k in ProjectKind]), "summary": "", "starts_on": first,
                "ends_on": first + timedelta(days=stages), "lead_outlet_id": rng.choice(outlet_ids),
                "coordinator_id": None, "status": rng.choice([s.value for s in ProjectStatus]),
                "required_formats": rng.sample(_FORMATS, 3), **stamp,
            })
        conn.execute(insert(Project), project_rows)
        for prow in project_rows:
            first = prow["starts_on"]
            for s in range(stages):
                sid = uuid.UUID(int=rng.getrandbits(128))
                begins = datetime(first.year, first.month, first.day, tzinfo=UTC) + timedelta(hours=8 + 24 * s)
                place = pool[rng.randrange(len(pool))]
                title = f"环节{s + 1:02d}·{place.name}"
                stage_buf.append({
                    "id": sid, "project_id": prow["id"], "position": s + 1, "title": title, "title_key": title,
                    "kind": StageKind.PLACE.value if s % 3 else StageKind.PHASE.value, "adcode": place.adcode,
                    "location": "", "starts_at": begins, "ends_at": begins + timedelta(hours=6), "time_tbc": False,
                    "notes": "", **stamp,
                })
                for k, oid in enumerate(rng.sample(outlet_ids, per_stage)):
                    aid = uuid.UUID(int=rng.getrandbits(128))
                    status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
                    asg_buf.append({
                        "id": aid, "stage_id": sid, "outlet_id": oid,
                        "role": Role.LEAD.value if k == 0 else (Role.SUPPORT.value if k % 4 else Role.SYNDICATE.value),
                        "format": rng.choice(_FORMATS), "status": status.value,
                        "due_at": begins + timedelta(hours=rng.randint(2, 30)), "brief": "", "deliverable_url": "",
                        "notes": "", "reason": "合成数据" if status in (Status.DECLINED, Status.CANCELLED) else "",
                        **stamp,
                    })
                    if k < 2:
                        link_buf.append({"assignment_id": aid, "person_id": people_of[oid][k]})
                    written += 1
            if len(asg_buf) >= _CHUNK:
                flush()
                report(written, total, "assignments")
        flush()
    report(total, total, "done")
    return {"outlets": outlets, "people": len(people_rows), "projects": projects, "stages": projects * stages,
            "assignments": written}
