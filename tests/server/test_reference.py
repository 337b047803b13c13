"""Reference data publishing (SYNC_PROTOCOL.md §4.7) on SQLite and PostgreSQL: the CLI validates
with the desktop rules' loaders and publishes nothing on bad data; a published version enters
every agent's feed once, is served immutable with its SHA-256 as ETag, and never changes.

Each backend gets its own server here: the session servers of the other server tests count the
reference entries of a fresh feed.
"""

from __future__ import annotations

import hashlib
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from models.rules.reference import shipped_files
from server import cli, embedded
from server.models.records import ReferenceVersion
from tests.server.conftest import (
    BACKENDS,
    Live,
    MovableClock,
    assert_problem,
    drop_pg_schema,
    new_agent,
    pg_settings_for,
    provision,
    server_settings,
)


@pytest.fixture(scope="module", params=BACKENDS)
def own(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("refserver") / "server.sqlite3"
        settings = server_settings(db_url=f"sqlite:///{path}")
    else:
        settings = pg_settings_for(f"jr_{uuid.uuid4().hex[:12]}")
    clock = MovableClock()
    handle = embedded.start(
        settings=settings, sock=socket.create_server(("127.0.0.1", 0)), clock=clock
    )
    try:
        yield Live(request.param, handle.url, handle.settings, handle.database, clock, handle)
    finally:
        handle.stop(timeout=10)
        if request.param == "postgres":
            drop_pg_schema(settings)


def _run(live: Live, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as patch:
        if live.settings.db_schema:
            patch.setenv("JANGKAU_SERVER_DB_SCHEMA", live.settings.db_schema)
        code = cli.main([args[0], "--db-url", live.settings.db_url, *args[1:]])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _refs(live: Live) -> list[dict[str, str]]:
    device = provision(live, new_agent(live))
    cursor, out = None, []
    while True:
        response = device.changes(cursor=cursor, limit=200)
        assert response.status_code == 200, response.text
        body = response.json()
        out += [e["data"] for e in body["changes"] if e["type"] == "reference"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return out


def _rows(live: Live, dataset: str) -> list[tuple[str, str]]:
    with live.db.read() as session:
        rows = session.execute(
            sa.select(ReferenceVersion.version, ReferenceVersion.sha256).where(
                ReferenceVersion.dataset == dataset
            )
        )
        return [(r.version, r.sha256) for r in rows]


@pytest.fixture
def occupations_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "occ"
    folder.mkdir()
    text = shipped_files("occupations")["occupations.csv"]
    (folder / "occupations.csv").write_text(
        text + "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n", encoding="utf-8"
    )
    return folder


def test_published_occupations_reach_the_feed_and_are_served_immutable(
    own: Live, capsys: pytest.CaptureFixture[str], occupations_dir: Path
) -> None:
    version = f"occ-{uuid.uuid4().hex[:8]}"
    code, out = _run(own, capsys, "import-reference", "occupations", str(occupations_dir),
                     "--version", version)  # fmt: skip
    assert code == 0 and f"occupations/{version} published" in out
    assert {"dataset": "occupations", "version": version} in _refs(own)

    first = requests.get(own.api(f"/reference/occupations/{version}"), timeout=30)
    assert first.status_code == 200 and "immutable" in first.headers["Cache-Control"]
    assert first.headers["ETag"] == f'"{hashlib.sha256(first.content).hexdigest()}"'
    body = first.json()
    assert body["dataset"] == "occupations" and body["version"] == version
    assert body["files"]["occupations.csv"].endswith(
        "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n"
    )
    again = requests.get(
        own.api(f"/reference/occupations/{version}"),
        headers={"If-None-Match": first.headers["ETag"]},
        timeout=30,
    )
    assert again.status_code == 304

    # The same files again: unchanged, no second feed entry. Other files: refused, kept as is.
    code, out = _run(own, capsys, "import-reference", "occupations",
                     str(occupations_dir / "occupations.csv"), "--version", version)  # fmt: skip
    assert code == 0 and "unchanged" in out
    (occupations_dir / "occupations.csv").write_text(
        shipped_files("occupations")["occupations.csv"], encoding="utf-8"
    )
    code, out = _run(own, capsys, "import-reference", "occupations", str(occupations_dir),
                     "--version", version)  # fmt: skip
    assert code == 2 and "other content" in out
    assert [v for v, _ in _rows(own, "occupations")].count(version) == 1
    assert requests.get(own.api(f"/reference/occupations/{version}"), timeout=30).content == (
        first.content
    )
    assert sum(r["version"] == version for r in _refs(own)) == 1
    with own.db.read() as session:
        audit = session.execute(
            sa.text("SELECT result FROM audit_events WHERE entity_id = :e ORDER BY seq"),
            {"e": f"occupations/{version}"},
        ).scalars()
        assert list(audit) == ["published", "unchanged"]


@pytest.mark.parametrize(
    ("dataset", "name", "broken"),
    [
        ("occupations", "occupations.csv", "BARU,Baru,New,bukan_grup,\n"),  # unknown group
        ("occupations", "occupations.csv", "OJK_OJOL,Lagi,Again,ojek_driver,\n"),  # duplicate
        ("contribution", "contribution_rates.csv", "x,y,z\n"),
        ("notices", "notices.csv", "v9,privacy_v9.txt,2027-01-01\n"),  # text not included
    ],
)
def test_bad_data_is_refused_and_nothing_is_published(
    own: Live, capsys: pytest.CaptureFixture[str], tmp_path: Path, dataset: str, name: str,
    broken: str,
) -> None:  # fmt: skip
    files = shipped_files(dataset)
    files[name] = files[name] + broken
    for filename, text in files.items():
        (tmp_path / filename).write_text(text, encoding="utf-8", newline="")
    before = _rows(own, dataset)
    code, out = _run(own, capsys, "import-reference", dataset, str(tmp_path), "--version", "bad1")
    assert code == 2 and out.startswith("refused:") and dataset in out
    assert _rows(own, dataset) == before
    assert_problem(
        requests.get(own.api(f"/reference/{dataset}/bad1"), timeout=10), 404, "not-found"
    )


def test_missing_files_and_bad_versions_are_refused(
    own: Live, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "rates").mkdir()
    code, out = _run(own, capsys, "import-reference", "contribution", str(tmp_path / "rates"))
    assert code == 2 and "refused" in out
    partial = tmp_path / "contribution_rates.csv"
    partial.write_text(shipped_files("contribution")["contribution_rates.csv"], encoding="utf-8")
    code, out = _run(own, capsys, "import-reference", "contribution", str(partial))
    assert code == 2 and "missing files" in out
    data = Path(__file__).resolve().parents[2] / "models" / "rules" / "data"
    code, out = _run(own, capsys, "import-reference", "contribution", str(data),
                     "--version", "../etc")  # fmt: skip
    assert code == 2 and "version" in out


def test_regions_publish_updates_the_area_table(
    own: Live, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = shipped_files("regions")
    files["villages_pekalongan_branch.csv"] += "33.75.01.1099,33.75.01,Kelurahan Uji,kelurahan\n"
    for filename, text in files.items():
        (tmp_path / filename).write_text(text, encoding="utf-8", newline="")
    code, out = _run(own, capsys, "import-reference", "regions", str(tmp_path), "--version", "r2")
    assert code == 0 and "regions/r2 published (4 files" in out
    with own.db.read() as session:
        name = session.execute(
            sa.text("SELECT name FROM areas WHERE code = '33.75.01.1099'")
        ).scalar_one()
    assert name == "Kelurahan Uji"
    body = requests.get(own.api("/reference/regions/r2"), timeout=30).json()
    assert body["files"] == files
