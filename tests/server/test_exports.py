"""Exports of approved enrollments for the branch office (SYNC_PROTOCOL.md §4.10)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

import requests
import sqlalchemy as sa
from openpyxl import load_workbook

from server.clock import local_today
from server.models.audit import AuditEvent
from server.models.records import Record
from tests.server.conftest import Accounts, Live, assert_problem
from tests.server.review_support import (
    World,
    fresh_village,
    in_village,
    new_supervisor,
    new_world,
    session_for,
)


def export(http: requests.Session, live: Live, **params: Any) -> requests.Response:
    return http.get(live.api("/exports/records"), params=params, timeout=120)


def csv_rows(response: requests.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def exported_at(live: Live, record_id: str) -> Any:
    with live.db.read() as session:
        record = session.get(Record, uuid.UUID(record_id))
        assert record is not None
        return record.exported_at


def _approved(world: World, payload: dict[str, Any] | None = None) -> str:
    rid = world.prospect(payload)
    world.approve(rid)
    return rid


def test_csv_holds_exactly_the_approved_unrestricted_records_in_scope(live: Live) -> None:
    world = new_world(live)
    neighbour = new_world(live)  # another village: outside this supervisor's scope
    wanted = _approved(world)
    restricted = _approved(world, in_village(world.village, restricted=True))
    waiting = world.prospect()
    returned = world.prospect()
    world.decide(returned, "return")
    rejected = world.prospect()
    world.decide(rejected, "reject")
    _approved(neighbour)
    response = export(world.http, live, format="csv")
    rows = csv_rows(response)
    assert [r["record_id"] for r in rows] == [wanted]
    assert response.headers["X-Jangkau-Rows"] == "1"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="jangkau-')
    row = rows[0]
    detail = world.detail(wanted).json()["record"]
    assert row["nik"] == detail["payload"]["nik"] and row["area_code"] == world.village
    assert row["agent_username"] == world.agent.username and row["revision"] == "1"
    assert row["village_code"] == world.village and row["village_name"]
    assert row["regency_code"] == world.village[:5] and row["regency_name"]
    assert exported_at(live, wanted) is not None
    assert all(exported_at(live, r) is None for r in (restricted, waiting, returned, rejected))
    with live.db.read() as session:
        [event] = session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.action == "export.records", AuditEvent.actor_id == world.spv.user_id
            )
        ).all()
    assert event.result == "csv" and event.detail is not None
    assert event.detail["rows"] == 1 and event.detail["scope"] == [world.village]
    # Once exported, an approval can no longer be reopened (§5) nor undone.
    body = assert_problem(
        world.decide(wanted, "reopen", note="Terlambat."), 409, "invalid-transition"
    )
    assert body["exported"] is True
    assert world.detail(wanted).json()["actions"] == []


def test_xlsx_has_the_summary_first_and_keeps_text_as_text(live: Live) -> None:
    world = new_world(live)
    formula = '=HYPERLINK("http://127.0.0.1/","x")'
    ids = [
        _approved(world, in_village(world.village, occupation_1="PDG_PASAR", full_name=formula)),
        _approved(world, in_village(world.village, occupation_1="PDG_PASAR")),
        _approved(world, in_village(world.village, occupation_1="PDG_PKL")),
    ]
    response = export(world.http, live, format="xlsx", area=world.village)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "Peserta"]
    sheet = book["Peserta"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header, data = rows[0], rows[1:]
    assert sorted(r[header.index("record_id")] for r in data) == sorted(ids)
    niks = [r[header.index("nik")] for r in data]
    assert all(isinstance(n, str) and len(n) == 16 for n in niks)
    assert formula in [r[header.index("full_name")] for r in data]
    for row in sheet.iter_rows(min_row=2):
        assert row[header.index("full_name")].data_type == "s"  # stored as text, never run
    assert {r[header.index("declared_income")] for r in data} == {2000000}  # amounts are numbers
    assert {r[header.index("occupation_1_name")] for r in data} >= {"Pedagang pasar"}
    summary = [[c.value for c in row] for row in book["Ringkasan"].iter_rows()]
    assert ["Jumlah peserta", 3] in [r[:2] for r in summary]
    tables = _tables(summary)
    assert tables["Kabupaten/Kota"] == [[world.village[:5], _name(tables, world.village[:5]), 3]]
    assert [r[0] for r in tables["Kecamatan"]] == [world.village[:8]]
    assert {r[0]: r[2] for r in tables["Pekerjaan"]} == {"PDG_PASAR": 2, "PDG_PKL": 1}
    assert tables["Petugas"] == [[world.agent.username, world.agent.username.upper(), 3]]


def _tables(summary: list[list[Any]]) -> dict[str, list[list[Any]]]:
    tables: dict[str, list[list[Any]]] = {}
    current: list[list[Any]] | None = None
    for row in summary:
        cells = [c for c in row if c is not None]
        if not cells:
            current = None
        elif len(row) >= 3 and row[1] == "Nama" and row[2] == "Jumlah":
            current = tables.setdefault(str(row[0]), [])
        elif current is not None:
            current.append(list(row[:3]))
    return tables


def _name(tables: dict[str, list[list[Any]]], code: str) -> Any:
    [row] = [r for r in tables["Kabupaten/Kota"] if r[0] == code]
    assert row[1]
    return row[1]


def test_period_and_area_filters(live: Live) -> None:
    world = new_world(live)
    first = _approved(world)
    live.clock.advance(days=2)
    world.http = session_for(live, world.spv)  # the session idled out across two days
    later = world.prospect()
    world.approve(later)
    today = local_today(live.clock())
    earlier_day = today - timedelta(days=2)
    only_first = csv_rows(export(world.http, live, format="csv", to=earlier_day.isoformat()))
    assert [r["record_id"] for r in only_first] == [first]
    assert exported_at(live, later) is None  # not in that export: may still be reopened
    only_later = csv_rows(export(world.http, live, format="csv", **{"from": today.isoformat()}))
    assert [r["record_id"] for r in only_later] == [later]
    both = csv_rows(export(world.http, live, format="csv", area=world.village[:8]))
    assert sorted(r["record_id"] for r in both) == sorted([first, later])
    elsewhere = fresh_village(outside=world.village[:5])
    assert_problem(export(world.http, live, format="csv", area=elsewhere), 404, "not-found")
    backwards = {"from": today.isoformat(), "to": earlier_day.isoformat()}
    assert_problem(export(world.http, live, format="csv", **backwards), 422, "validation-failed")


def test_ten_exports_an_hour(live: Live) -> None:
    _, http = new_supervisor(live, (fresh_village(),))
    for _ in range(live.settings.rate_exports_per_hour):
        assert csv_rows(export(http, live, format="csv")) == []
    refused = export(http, live, format="xlsx")
    assert_problem(refused, 429, "rate-limited")
    assert 0 < int(refused.headers["Retry-After"]) <= 3600


def test_admins_export_everything_agents_nothing(live: Live, accounts: Accounts) -> None:
    world = new_world(live)
    rid = _approved(world)
    admin = session_for(live, accounts.admin)
    rows = csv_rows(export(admin, live, format="csv", area=world.village))
    assert [r["record_id"] for r in rows] == [rid]
    device = world.device
    response = device.http.get(
        live.api("/exports/records"), params={"format": "csv"}, headers=device.headers(), timeout=30
    )
    assert_problem(response, 403, "role-not-permitted")
    assert_problem(export(world.http, live, format="pdf"), 422, "validation-failed")
