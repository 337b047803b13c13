"""Running the server: rate limits shared by two servers, migrations, the CLI, the demo seed."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
import uuid6
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server import cli, embedded
from server.app import create_app
from server.db import Database, SchemaNotReady, head_revision
from server.demo import seed_demo
from server.models import Base
from server.models.audit import AuditEvent
from tests.server import factories
from tests.server.conftest import (
    BACKENDS,
    Live,
    assert_problem,
    drop_pg_schema,
    new_agent,
    pg_settings_for,
    provision,
    server_settings,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def second_server(live_server: Live) -> Iterator[Live]:
    """Another server process-alike on the same database, with the protocol's real limits."""
    settings = live_server.settings.model_copy(
        update={"rate_push_per_min": 3, "rate_changes_per_min": 4, "rate_login_per_ip_per_min": 2}
    )
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(settings=settings, sock=sock, clock=live_server.clock)
    try:
        yield Live(
            live_server.backend, handle.url, settings, handle.database, live_server.clock, handle
        )
    finally:
        handle.stop(timeout=10)
        sock.close()


def test_rate_limits_are_shared_by_servers_on_one_database(live: Live, second_server: Live) -> None:
    device = provision(live, new_agent(live))
    other = Live(
        live.backend, second_server.url, second_server.settings, live.db, live.clock, live.handle
    )
    twin = provision(other, device.account)
    twin.device_id, twin.token = device.device_id, device.token  # the same device, either server
    live.clock.advance(seconds=60 - live.clock().second % 60 + 1)  # a fresh minute window
    for _ in range(3):
        assert twin.push([twin.change()]).status_code == 200
    refused = twin.push([twin.change()])
    body = assert_problem(refused, 429, "rate-limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 and body["status"] == 429
    # The counter lives in the database: the first server, with higher limits, counted too.
    with live.db.read() as session:
        counts = session.execute(
            sa.text("SELECT sum(count) FROM rate_counters WHERE bucket = :b"),
            {"b": f"push:{device.device_id}"},
        ).scalar_one()
    assert counts >= 3
    live.clock.advance(seconds=61)
    assert twin.push([twin.change()]).status_code == 200
    for _ in range(4):
        assert twin.changes().status_code == 200
    assert_problem(twin.changes(), 429, "rate-limited")


def test_login_is_rate_limited_per_address(live: Live, second_server: Live) -> None:
    live.clock.advance(seconds=60 - live.clock().second % 60 + 1)
    url = f"{second_server.url}/api/v1/auth/login"
    for _ in range(2):
        requests.post(url, json={"username": "nobody", "password": "whatever-1"}, timeout=30)
    assert_problem(
        requests.post(url, json={"username": "x", "password": "y"}, timeout=30), 429, "rate-limited"
    )


def test_the_models_match_the_migrations(live: Live) -> None:
    with live.db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        diff = compare_metadata(context, Base.metadata)
    # Migrations may add what the ORM does not declare (partial indexes, generated columns and
    # trigger-kept summary tables for reports); every table, column, type and declared index of
    # the models must exist as declared.
    relevant = [d for d in diff if not _database_only(d)]
    assert relevant == [], relevant


def _database_only(diff: object) -> bool:
    if not isinstance(diff, tuple):
        return False
    if diff[0] in ("remove_index", "remove_table"):  # summary tables kept by triggers
        return True
    return diff[0] == "remove_column" and getattr(diff[3], "computed", None) is not None


@pytest.mark.parametrize("backend", BACKENDS)
def test_postgresql_refuses_to_start_unmigrated_sqlite_migrates_itself(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend == "postgres":
        settings = pg_settings_for(f"jt_empty_{uuid.uuid4().hex[:8]}")
        database = Database(settings)
        try:
            with pytest.raises(SchemaNotReady):
                create_app(settings, database=database)
            monkeypatch.setenv("JANGKAU_SERVER_DB_SCHEMA", settings.db_schema or "")
            assert cli.main(["serve", "--db-url", settings.db_url, "--port", "0"]) == 2
        finally:
            database.dispose()
            drop_pg_schema(settings)
        return
    settings = server_settings(db_url=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    app = create_app(settings)
    assert app.state.db.engine.dialect.name == "sqlite"
    with app.state.db.read() as session:
        assert session.execute(sa.text("SELECT count(*) FROM areas")).scalar_one() > 8000
    app.state.db.dispose()


def test_the_cli_runs_every_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DEMO_PW", "cli-password-123")

    def run(*args: str) -> tuple[int, str]:
        code = cli.main([args[0], "--db-url", url, *args[1:]])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    code, out = run("migrate")
    assert code == 0 and "migrated to" in out and "region codes" in out
    code, out = run(
        "create-user",
        "--username",
        "agen77",
        "--role",
        "agent",
        "--area",
        "33.75.01",
        "--password-env",
        "DEMO_PW",
    )
    assert code == 0 and "agen77" in out
    code, out = run(
        "create-user",
        "--username",
        "bad",
        "--role",
        "agent",
        "--role",
        "admin",
        "--password-env",
        "DEMO_PW",
    )
    assert code == 2 and "agent-role-exclusive" in out
    code, out = run("enroll-code", "--agent", "agen77")
    assert code == 0
    enrollment_code = out.split()[0]
    assert len(enrollment_code) == 8
    settings = server_settings(db_url=url)
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(settings=settings, sock=sock)
    try:
        enrolled = requests.post(
            f"{handle.url}/api/v1/devices/enroll",
            json={
                "enrollment_code": enrollment_code,
                "enrollment_request_id": str(uuid6.uuid7()),
                "username": "agen77",
                "password": "cli-password-123",
                "device_name": "CLI",
            },
            timeout=30,
        )
        assert enrolled.status_code == 201, enrolled.text
        token = enrolled.json()["device_token"]
        device = type(
            "D",
            (),
            {"device_id": enrolled.json()["device_id"], "agent_id": enrolled.json()["agent"]["id"]},
        )
        pushed = requests.post(
            f"{handle.url}/api/v1/sync/push",
            json=factories.batch([factories.change(device)]),
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        assert pushed.json()["results"][0]["status"] == "accepted"
        code, out = run("revoke-device", "--device", enrolled.json()["device_id"], "--wipe")
        assert code == 0
        after = requests.get(
            f"{handle.url}/api/v1/sync/changes",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert_problem(after, 401, "device-wipe")
    finally:
        handle.stop(timeout=10)
        sock.close()
    code, out = run("export", "--out", str(tmp_path / "out.csv"))
    assert code == 0 and out.startswith("1 records")
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "33.75.01.1002" in lines[1]
    code, out = run("export", "--out", str(tmp_path / "out.xlsx"), "--format", "xlsx")
    assert code == 0 and (tmp_path / "out.xlsx").stat().st_size > 0
    code, out = run("import-areas")
    assert code == 0 and "unchanged" in out
    code, out = run("verify-audit")
    assert code == 0 and "intact" in out


def test_python_dash_m_server_is_the_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server", "openapi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "server" / "openapi.json").read_text(encoding="utf-8")


def test_demo_accounts_log_in_and_enroll(tmp_path: Path) -> None:
    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(db_path=tmp_path / "demo.sqlite3", sock=sock)
    try:
        accounts = seed_demo(handle.session_factory)
        again = seed_demo(handle.session_factory)  # idempotent; fresh codes
        assert again.supervisor.user_id == accounts.supervisor.user_id
        assert again.agents[0].enrollment_code != accounts.agents[0].enrollment_code
        assert accounts.supervisor.areas == ("33.75", "33.26")
        lines = "\n".join(accounts.lines())
        assert "spv01" in lines and accounts.agents[1].enrollment_code in lines
        login = requests.post(
            f"{handle.url}/api/v1/auth/login",
            json={"username": "spv01", "password": accounts.supervisor.password},
            timeout=30,
        )
        assert login.status_code == 200
        for agent in again.agents:
            enrolled = requests.post(
                f"{handle.url}/api/v1/devices/enroll",
                json={
                    "enrollment_code": agent.enrollment_code,
                    "enrollment_request_id": str(uuid6.uuid7()),
                    "username": agent.username,
                    "password": agent.password,
                    "device_name": "DEMO",
                },
                timeout=30,
            )
            assert enrolled.status_code == 201, enrolled.text
        with handle.database.read() as session:
            assert (
                session.execute(sa.select(sa.func.count()).select_from(AuditEvent)).scalar_one() > 0
            )
    finally:
        handle.stop(timeout=10)
        sock.close()
    assert not handle.running


def test_embedded_refuses_non_loopback_sockets() -> None:
    sock = socket.socket()
    try:
        sock.bind(("0.0.0.0", 0))
        with pytest.raises(ValueError, match="loopback"):
            embedded.start(db_url="sqlite://", sock=sock)
    finally:
        sock.close()
