"""Jangkau desktop app: the composition root (ARCHITECTURE.md §1, STYLE.md house tour).

args → data folders → logging → QApplication → crash hook → translators → theme → MainWindow.
``--demo`` keeps everything under ``.demo/`` in the checkout, starts the embedded loopback
server with its demo accounts, prepares a demo agent profile with a few hundred synthetic
prospects, and prints both logins to the terminal.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("jangkau")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jangkau", description="Jangkau desktop app")
    parser.add_argument("--demo", action="store_true", help="demo data and server under .demo/")
    parser.add_argument("--lang", choices=("id", "en"), help="language for this run")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep profiles, settings and logs here (--demo: instead of .demo/)",
    )
    parser.add_argument("--verbose", action="store_true", help="also log to the terminal")
    return parser.parse_args(argv)


def _use_folders(base: Path) -> None:
    """Point every Jangkau folder below ``base``; must run before anything reads a path."""
    for name in ("DATA", "CONFIG", "CACHE", "LOG"):
        os.environ.setdefault(f"JANGKAU_{name}_DIR", str(base / name.lower()))


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or platform in (
        "offscreen",
        "minimal",
        "vnc",
        "eglfs",
        "linuxfb",
    )


def _start_demo_server(demo_dir: Path) -> tuple[Any, list[str], str | None]:
    """The embedded server on a loopback socket, with the demo accounts (server/demo.py)."""
    import socket

    from server import embedded
    from server.demo import seed_demo

    sock = socket.create_server(("127.0.0.1", 0))
    handle = embedded.start(db_path=demo_dir / "server.sqlite", sock=sock)
    accounts = seed_demo(handle.session_factory)
    code = next((a.enrollment_code for a in accounts.agents if a.username == "agen01"), None)
    return handle, [f"Server {handle.url}", *accounts.lines()], code


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.demo:  # (the demo builds its store and server first: they collect as usual)
        # No garbage collections on the way to the unlock screen and the list (~30 ms of
        # 100-odd collections among the objects of imports that live as long as the app);
        # ui.preload.freeze_modules turns the collector on once those objects are frozen.
        gc.disable()
    demo_dir = (args.data_dir or ROOT / ".demo").resolve()
    if args.demo:
        _use_folders(demo_dir)
    elif args.data_dir is not None:
        _use_folders(args.data_dir.resolve())
    if not _has_display():
        sys.stderr.write(
            "Jangkau needs a display. Run it in a desktop session or: xvfb-run -a make run\n"
        )
        return 1

    from core import lanes
    from core import settings as settings_io
    from core.log import setup_logging

    log_file = setup_logging(console=args.verbose)
    settings = settings_io.load()
    if args.lang:
        settings = settings.model_copy(update={"language": args.lang})

    import ui  # noqa: F401 - before any Qt call: protects None (ui/pyside_compat.py)
    from ui import theme, translations
    from ui.about import APP_NAME, app_version
    from ui.crash import install_excepthook

    app = theme.new_application(sys.argv[0])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(app_version())
    app.setOrganizationName(APP_NAME)
    install_excepthook()
    translations.set_language(settings.language)
    theme.apply_theme(
        app, high_contrast=settings.high_contrast, touch_mode=settings.touch_mode, watch=False
    )  # the window turns the control-sizing filter on once its unlock screen is idle
    log.info("Jangkau %s starting; log file %s", app_version(), log_file)

    server = None
    if args.demo:
        from ui.demo import enroll_demo_profile, ensure_demo_profile

        server, lines, code = _start_demo_server(demo_dir)
        settings = settings.model_copy(update={"server_url": server.url})
        demo = ensure_demo_profile(settings)
        settings = settings.model_copy(update={"last_profile": demo.profile.slug})
        enroll_demo_profile(demo.profile, demo.password, server_url=server.url, code=code)
        settings_io.save(settings)
        sys.stdout.write(
            f"\nJangkau demo (data in {demo_dir})\n"
            f"  Desktop: profile {demo.profile.display_name} ({demo.profile.username}), "
            f"password {demo.password}\n"
            + "".join(f"  {line}\n" for line in lines)
            + "  Supervisors review in this app: 'Masuk sebagai pengawas' on the unlock screen.\n\n"
        )
        sys.stdout.flush()

    from ui.main_window import MainWindow
    from ui.preload import preload_in_background
    from ui.reference_watch import watch_reference_data

    window = MainWindow(settings)
    window.show()
    # New reference data from a sync refreshes open screens; hooked once a session runs (the
    # rules modules are loaded by then, so it costs the start nothing).
    window.session_started.connect(lambda *_args: watch_reference_data())
    preload_in_background()  # session modules load while the agent types the password
    try:
        return app.exec()
    finally:
        lanes.shutdown(wait=True)
        if server is not None:
            server.stop(timeout=10)


if __name__ == "__main__":
    raise SystemExit(main())
