from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core import settings as settings_mod
from core.errors import Issue, ValidationError
from core.formatting import date_medium, date_short, month_label, rupiah, time_wib
from core.log import RotatingFile, mask_personal_numbers, setup_logging


@pytest.mark.parametrize(
    ("amount", "text"),
    [(16800, "Rp16.800"), (0, "Rp0"), (-8400, "\u2212Rp8.400"), (1000000, "Rp1.000.000")],
)
def test_rupiah(amount: int, text: str) -> None:
    assert rupiah(amount) == text


def test_rupiah_refuses_floats() -> None:
    with pytest.raises(TypeError):
        rupiah(1.5)  # type: ignore[arg-type]


def test_dates_and_times() -> None:
    assert date_medium(date(2026, 11, 25)) == "25 Nov 2026"
    assert date_short(date(2026, 11, 25)) == "25/11/2026"
    assert month_label("2026-01") == "Jan 2026"
    assert time_wib(datetime(2026, 11, 25, 7, 2, tzinfo=UTC)) == "14.02"


@pytest.mark.parametrize(
    "text",
    [
        "NIK 3375011505909901 gagal",
        "KK 3375 0115 0590 9901",
        "HP 081200000001",
        "HP +62 812 0000 0001",
        "HP 6281200000001",
    ],
)
def test_personal_numbers_are_masked(text: str) -> None:
    masked = mask_personal_numbers(text)
    digits = "".join(ch for ch in masked if ch.isdigit())
    assert len(digits) <= 6, masked


def test_log_file_never_holds_a_nik(tmp_path: Path) -> None:
    log_file = setup_logging(log_file=tmp_path / "j.log")
    logger = logging.getLogger("jangkau.test")
    logger.info("saved prospect %s with mobile %s", "3375011505909901", "081200000001")
    try:
        raise ValueError("bad nik 3326085508859902")
    except ValueError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "saved prospect" in text and "failed" in text
    assert "3375011505909901" not in text
    assert "081200000001" not in text
    assert "3326085508859902" not in text


def test_the_log_file_rolls_over_before_it_passes_its_size(tmp_path: Path) -> None:
    path = tmp_path / "j.log"
    handler = RotatingFile(path, max_bytes=1000, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("jangkau.test.rotation")
    logger.propagate, logger.level = False, logging.INFO
    logger.addHandler(handler)
    try:
        for n in range(100):
            logger.info("line %03d %s", n, "x" * 90)  # 100 bytes with the newline
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = [path, tmp_path / "j.log.1", tmp_path / "j.log.2"]
    assert not (tmp_path / "j.log.3").exists()
    assert [f.stat().st_size for f in files] == [1000, 1000, 1000]
    newest = [line[:8] for f in files for line in f.read_text().splitlines()]
    assert newest[:10] == [f"line {n:03d}" for n in range(90, 100)]  # the current file
    assert newest[10:20] == [f"line {n:03d}" for n in range(80, 90)]  # .1: the one before
    assert newest[20:] == [f"line {n:03d}" for n in range(70, 80)]  # .2; older ones are gone


def test_settings_round_trip_and_bad_file(tmp_path: Path) -> None:
    assert settings_mod.load(tmp_path).language == "id"
    changed = settings_mod.Settings(language="en", sync_interval_minutes=5)
    settings_mod.save(changed, tmp_path)
    assert settings_mod.load(tmp_path) == changed
    (tmp_path / "settings.json").write_text('{"language": "fr", "sync_interval_minutes": 7}')
    loaded = settings_mod.load(tmp_path)
    assert loaded.language == "id" and loaded.sync_interval_minutes == 7
    (tmp_path / "settings.json").write_text("{not json")
    assert settings_mod.load(tmp_path) == settings_mod.Settings()


def test_validation_error_carries_codes_not_sentences() -> None:
    err = ValidationError([Issue("E_NIK_LENGTH", "nik", {"n": 15}), Issue("W_NO_MOBILE", "mobile")])
    assert err.code == "E_NIK_LENGTH" and err.field == "nik" and err.params == {"n": 15}
    assert [i.is_error for i in err.issues] == [True, False]


def test_lanes_are_single_threads_and_shutdown_covers_all_three():
    import threading

    from core import lanes

    names = {}
    for lane in (lanes.db, lanes.net, lanes.render):
        names[lane.__name__] = lane().submit(lambda: threading.current_thread().name).result(5)
        assert lane() is lane()  # one executor per lane until shutdown
    assert [n.split("_")[0] for n in names.values()] == ["lane-db", "lane-net", "lane-render"]
    old = lanes.render()
    lanes.shutdown(wait=True)
    with pytest.raises(RuntimeError):
        old.submit(lambda: None)  # shut down with the others
    assert lanes.render() is not old  # a new one on next use
