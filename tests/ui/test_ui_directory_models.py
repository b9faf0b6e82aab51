"""Every directory model (and its filter proxy) passes qtmodeltester, and reads selections by id."""

from __future__ import annotations

import pytest

from planner.domain.enums import Tier
from planner.services import queries
from planner.ui.directory.alliances_model import AllianceTableModel
from planner.ui.directory.outlets_model import OutletTableModel
from planner.ui.directory.people_model import PersonTableModel
from planner.ui.directory.table_model import IdRole, RowFilterProxy, SortRole

pytestmark = pytest.mark.qt


def test_outlet_model_and_proxy(qtmodeltester, demo_db) -> None:
    outlets = queries.list_outlets(demo_db)
    model = OutletTableModel("zh")
    qtmodeltester.check(model)
    model.set_rows(outlets)
    qtmodeltester.check(model)
    assert model.rowCount() == len(outlets) > 100
    first = outlets[0]
    assert model.index(0, OutletTableModel.NAME).data() == first.name
    assert model.index(0, OutletTableModel.NAME).data(IdRole) == first.id
    assert model.index_of(first.id).row() == 0
    proxy = RowFilterProxy(model.search_text)
    proxy.setSourceModel(model)
    proxy.set_predicate("tier", lambda r: r.tier == Tier.COUNTY)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()
    assert all(model.row_at(proxy.mapToSource(proxy.index(i, 0)).row()).tier == Tier.COUNTY for i in range(proxy.rowCount()))
    proxy.set_search("温江")
    assert proxy.rowCount() == 1
    assert proxy.index(0, OutletTableModel.NAME).data() == "温江区融媒体中心"
    proxy.set_predicate("tier", None)
    proxy.set_search("")
    proxy.sort(OutletTableModel.CAPACITY)
    caps = [proxy.index(i, OutletTableModel.CAPACITY).data(SortRole) for i in range(proxy.rowCount())]
    assert caps == sorted(caps)


def test_alliance_model(qtmodeltester, demo_db) -> None:
    model = AllianceTableModel("en")
    alliances = queries.list_alliances(demo_db)
    counts: dict = {}
    for m in queries.list_memberships(demo_db):
        counts[m.alliance_id] = counts.get(m.alliance_id, 0) + 1
    model.set_rows(alliances)
    model.set_member_counts(counts)
    qtmodeltester.check(model)
    row = model.row_of(next(a.id for a in alliances if a.name == "天府融媒联合体"))
    assert int(model.index(row, AllianceTableModel.MEMBERS).data()) > 200
    assert model.index(row, AllianceTableModel.KIND).data() == "Alliance"


def test_person_model(qtmodeltester, demo_db) -> None:
    outlets = {o.id: o for o in queries.list_outlets(demo_db)}
    people = queries.list_people(demo_db)
    model = PersonTableModel("zh")
    model.set_outlets(outlets)
    model.set_rows(people)
    qtmodeltester.check(model)
    p = people[0]
    assert model.index(0, PersonTableModel.OUTLET).data() == outlets[p.outlet_id].display_name
    proxy = RowFilterProxy(model.search_text)
    proxy.setSourceModel(model)
    proxy.set_search(p.name)
    qtmodeltester.check(proxy)
    assert p.id in {proxy.id_at(i) for i in range(proxy.rowCount())}


def test_set_rows_replaces_everything(qtmodeltester, demo_db) -> None:
    model = OutletTableModel("zh")
    outlets = queries.list_outlets(demo_db)
    model.set_rows(outlets)
    model.set_rows(outlets[:3])
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.row_of(outlets[5].id) == -1
    assert not model.index_of(outlets[5].id).isValid()
