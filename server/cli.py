"""``python -m server``: serve, migrate, create-user, enroll-code, revoke-device, import-areas,
export, openapi, verify-audit.

Settings come from ``JANGKAU_SERVER_*`` variables and the file named by ``JANGKAU_SERVER_CONFIG``
(``server.config``); ``--db-url`` overrides the database for one command.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import os
import socket
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from models.rules.validation import check_prospect
from server import db as db_module
from server.clock import utc_now
from server.config import (
    ENV_PREFIX,
    UVICORN_HTTP,
    UVICORN_LOOP,
    ConfigError,
    ServerSettings,
    load_settings,
)
from server.db import Database, SchemaNotReady
from server.problems import ProblemError
from server.services import areas as areas_service
from server.services import audit as audit_service
from server.services import devices as devices_service
from server.services import users as users_service
from server.services.context import Caller
from server.services.users import UserInputError


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


class TcpConfig(uvicorn.Config):
    """uvicorn binds the shared socket of its workers with ``proto`` 0, so asyncio never sets
    TCP_NODELAY on their connections and every response waits ~40 ms (Nagle + delayed ACK).
    This binds it as TCP, with TCP_NODELAY (inherited by accepted connections)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tcp.set_inheritable(True)
        return tcp


def app_factory() -> FastAPI:
    """uvicorn ``--factory`` entry: each worker builds its app from the environment.

    A dedicated server process hands the GIL over every 1 ms instead of 5 ms: a request thread
    that holds the feed counter's row lock until its COMMIT then waits less for its turn, and
    so does every writer queued behind that lock. The objects built at start (ORM metadata,
    schemas, region index) are frozen out of the garbage collector, which then runs less
    often: a 200-record push allocates a lot, and full collections cost it ~30 %."""
    from server.app import create_app

    app = create_app(load_settings())
    tune_process()
    return app


def tune_process() -> None:
    """Settings for a process that only serves (``serve`` workers, the tests' server process):
    1 ms GIL switch interval, rule tables loaded, start-up objects frozen out of the GC."""
    sys.setswitchinterval(0.001)
    check_prospect(  # load the rule tables (regions, occupations, rates) before the freeze
        {"nik": "3375011505909901", "area_code": "33.75.01"}, today=utc_now().date()
    )
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


def _settings(args: argparse.Namespace) -> ServerSettings:
    return load_settings(db_url=getattr(args, "db_url", None))


def cmd_serve(args: argparse.Namespace) -> int:
    settings = load_settings(
        db_url=args.db_url, host=args.host, port=args.port, workers=args.workers
    )
    if settings.is_sqlite and settings.auto_migrate:
        db_module.upgrade(settings)
        database = Database(settings)
        areas_service.ensure_areas(database, now=utc_now())
        database.dispose()
    else:
        database = Database(settings)
        try:
            db_module.check_schema(database.engine)
        finally:
            database.dispose()
    # Workers are separate processes: they read their settings from the environment.
    for name, value in settings.model_dump(exclude_defaults=True).items():
        os.environ[ENV_PREFIX + name.upper()] = str(value)
    config = TcpConfig(
        "server.cli:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_level=settings.log_level,
        access_log=False,
        http=UVICORN_HTTP,
        loop=UVICORN_LOOP,
    )
    server = uvicorn.Server(config)
    if settings.workers > 1:
        from uvicorn.supervisors import Multiprocess

        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        server.run()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    db_module.upgrade(settings)
    database = Database(settings)
    try:
        report = areas_service.ensure_areas(database, now=utc_now())
    finally:
        database.dispose()
    _out(f"migrated to {db_module.head_revision()}")
    if report:
        _out(f"imported {report.areas} region codes (regions/{report.version})")
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise SystemExit(f"environment variable {args.password_env} is empty")
        return value
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("the passwords differ")
    return first


def cmd_create_user(args: argparse.Namespace) -> int:
    settings = _settings(args)
    database = Database(settings)
    try:
        user = users_service.create_user(
            database,
            username=args.username,
            password=_password(args),
            roles=args.role,
            areas=args.area or [],
            display_name=args.display_name,
            now=utc_now(),
            min_length=settings.password_min_length,
        )
    except UserInputError as exc:
        _err(f"refused: {exc.code} ({exc.field})")
        return 2
    finally:
        database.dispose()
    _out(f"{user.id} {user.username} {','.join(user.roles)}")
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    settings = _settings(args)
    database = Database(settings)
    try:
        found = users_service.find(database, username=args.agent)
        if found is None:
            _err(f"no user {args.agent!r}")
            return 2
        issued = devices_service.issue_code(
            database,
            agent_id=found[0].id,
            by=None,
            caller=Caller(now=utc_now(), ip=None),
            settings=settings,
        )
    except ProblemError as exc:
        _err(f"refused: {exc.code}")
        return 2
    finally:
        database.dispose()
    _out(f"{issued.code} (valid until {issued.expires_at.isoformat()})")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    settings = _settings(args)
    database = Database(settings)
    try:
        devices_service.revoke(
            database,
            device_id=uuid.UUID(args.device),
            wipe=args.wipe,
            reason=args.reason,
            by=None,
            caller=Caller(now=utc_now(), ip=None),
        )
    except ProblemError as exc:
        _err(f"refused: {exc.code}")
        return 2
    finally:
        database.dispose()
    _out(f"revoked {args.device}{' (wipe)' if args.wipe else ''}")
    return 0


def cmd_import_areas(args: argparse.Namespace) -> int:
    database = Database(_settings(args))
    try:
        report = areas_service.import_areas(
            database, directory=Path(args.dir) if args.dir else None, now=utc_now()
        )
    finally:
        database.dispose()
    state = "published" if report.published else "unchanged"
    _out(f"{report.areas} region codes, regions/{report.version} {state}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from server import exports

    database = Database(_settings(args))
    try:
        count = exports.export_records(
            database,
            out=Path(args.out),
            fmt=args.format,
            areas=args.area or None,
            states=args.state or None,
        )
    finally:
        database.dispose()
    _out(f"{count} records written to {args.out}")
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    del args
    from server.openapi import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    database = Database(_settings(args))
    try:
        report = audit_service.verify_chain(database)
    finally:
        database.dispose()
    if report.ok:
        _out(f"audit chain intact: {report.rows} events")
        return 0
    _err(f"audit chain BROKEN at seq {report.first_bad_seq} (after {report.rows} good events)")
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler: object, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db-url", help="database URL (default: JANGKAU_SERVER_DB_URL)")
        p.set_defaults(handler=handler)
        return p

    p = command("serve", cmd_serve, "run the HTTP server under uvicorn")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int)
    command("migrate", cmd_migrate, "apply database migrations (and seed regions)")
    p = command("create-user", cmd_create_user, "create an agent, supervisor or admin")
    p.add_argument("--username", required=True)
    p.add_argument("--role", action="append", required=True, choices=users_service.ROLES)
    p.add_argument("--area", action="append", help="region code, repeatable (33.75, 33.75.01)")
    p.add_argument("--display-name")
    p.add_argument("--password-env", help="read the password from this environment variable")
    p = command("enroll-code", cmd_enroll_code, "issue a one-time device enrollment code")
    p.add_argument("--agent", required=True, help="the agent's username")
    p = command("revoke-device", cmd_revoke_device, "revoke a device (optionally: wipe)")
    p.add_argument("--device", required=True)
    p.add_argument("--wipe", action="store_true")
    p.add_argument("--reason")
    p = command("import-areas", cmd_import_areas, "import Kemendagri region codes")
    p.add_argument("--dir", help="folder with provinces/regencies/districts/villages CSVs")
    p = command("export", cmd_export, "export prospects to CSV or XLSX")
    p.add_argument("--out", required=True)
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--area", action="append")
    p.add_argument("--state", action="append")
    command("openapi", cmd_openapi, "print the OpenAPI schema (server/openapi.json)")
    command("verify-audit", cmd_verify_audit, "check the audit log's hash chain")
    from server import cli_reference  # import-reference (kept apart: its own module)

    cli_reference.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (ConfigError, SchemaNotReady) as exc:
        _err(str(exc))
        return 2
