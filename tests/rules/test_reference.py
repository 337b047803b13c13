"""Installing newer reference data into the rules (``models.rules.reference``): the rules use it
at once, a bad one changes nothing, reset returns to the shipped files, and validation is
invisible to other threads."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from models.rules import reference
from models.rules.consent import current_notice, notice
from models.rules.contribution import load_tables
from models.rules.datafiles import ReferenceDataError
from models.rules.occupations import check_occupations, occupation
from models.rules.regions import regions

NEW_OCCUPATION = "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n"


@pytest.fixture(autouse=True)
def _shipped_after() -> Iterator[None]:
    yield
    reference.reset()


def _with(dataset: str, name: str, extra: str) -> dict[str, str]:
    files = reference.shipped_files(dataset)
    files[name] += extra
    return files


def test_installed_occupations_are_used_at_once_and_reset_restores_the_shipped_list() -> None:
    assert [i.code for i in check_occupations([("UJI_PEMANDU", None)])] == ["E_OCC_UNKNOWN"]
    assert reference.install("occupations", _with("occupations", "occupations.csv", NEW_OCCUPATION),
                             version="2026-12")  # fmt: skip
    assert check_occupations([("UJI_PEMANDU", None)]) == []
    assert occupation("UJI_PEMANDU").label_en == "Tour guide"
    assert reference.installed() == {"occupations": "2026-12"}
    reference.reset()
    assert occupation("UJI_PEMANDU") is None and reference.installed() == {}


@pytest.mark.parametrize(
    ("dataset", "name", "broken", "why"),
    [
        ("occupations", "occupations.csv", "X1,Satu,One,bukan_grup,\n", "unknown group"),
        ("occupations", "occupations.csv", "OJK_OJOL,Lagi,Again,ojek_driver,\n", "duplicate"),
        ("contribution", "contribution_rates.csv", "JKK,x,y,z,a,b,c,d\n", "contribution"),
        ("regions", "districts.csv", "33.99.01,33.99,Tanpa Induk\n", "parent missing"),
        ("regions", "villages_pekalongan_branch.csv", "33.75.01,33.75,Salah,desa\n", "malformed"),
        ("notices", "notices.csv", "2,privacy_v2.txt,2027-01-01\n", "not included"),
    ],
)
def test_a_bad_dataset_is_refused_and_the_data_in_use_stays(
    dataset: str, name: str, broken: str, why: str
) -> None:
    good = _with("occupations", "occupations.csv", NEW_OCCUPATION)
    reference.install("occupations", good, version="good")
    before = (load_tables(), regions().name("33.75.01"), current_notice(date(2026, 12, 1)))
    with pytest.raises(ReferenceDataError) as caught:
        reference.install(dataset, _with(dataset, name, broken), version="bad")
    assert why in str(caught.value) and dataset in str(caught.value)
    assert occupation("UJI_PEMANDU") is not None  # the earlier install is untouched
    assert reference.installed() == {"occupations": "good"}
    assert (load_tables(), regions().name("33.75.01"), current_notice(date(2026, 12, 1))) == before


@pytest.mark.parametrize(
    "files",
    [
        {},  # nothing
        {"occupations.csv": "code,label_id\n"},  # a required column missing
        {"occupations.csv": b"code".decode() + "\x00"},  # garbage
        {"occupations.csv": "code,label_id,label_en,group,notes\n", "../etc.csv": "x"},
        {"occupations.csv": 42},
    ],
)
def test_malformed_file_sets_are_refused(files: dict) -> None:
    with pytest.raises(ReferenceDataError):
        reference.install("occupations", files)
    assert reference.installed() == {}


def test_unknown_datasets_are_refused() -> None:
    with pytest.raises(ReferenceDataError, match="unknown dataset"):
        reference.validate("branch_baseline", {"branch_baseline.csv": "x"})


def test_a_new_notice_version_with_its_text_becomes_current_and_keeps_its_exact_hash() -> None:
    files = reference.shipped_files("notices")
    text = "Pemberitahuan privasi versi 2.\r\nBaris kedua tetap utuh.\n"
    files["privacy_v2.txt"] = text
    files["notices.csv"] += "2,privacy_v2.txt,2027-01-01\n"
    reference.install("notices", files, version="n2")
    assert current_notice(date(2026, 12, 31)).version == "1"
    new = current_notice(date(2027, 1, 2))
    assert new.version == "2" and new.text == text
    assert new.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    reference.reset()
    assert notice("2") is None


def test_new_contribution_rates_change_the_tables_and_listeners_hear_of_it() -> None:
    heard: list[str] = []
    reference.on_change(heard.append)
    shipped = load_tables()
    files = reference.shipped_files("contribution")
    rates = files["contribution_rates.csv"].replace(
        "JKM,flat_idr,6800,,,", "JKM,flat_idr,6800,,2026-12,"
    )
    files["contribution_rates.csv"] = (
        rates + "JKM,flat_idr,7200,2027-01,,confirmed,uji,uji,uji\n"
    ).replace("\n", "\r\n")  # CRLF line ends parse the same
    assert reference.install("contribution", files, version="c2")
    assert heard == ["contribution"]
    tables = load_tables()
    assert tables.rate("JKM", "2026-12").amount(1_000_000) == 6800
    assert tables.rate("JKM", "2027-01").amount(1_000_000) == 7200
    assert tables.brackets == shipped.brackets


def test_installing_the_shipped_files_needs_no_override() -> None:
    tables = load_tables()
    assert not reference.install(
        "contribution", reference.shipped_files("contribution"), version="v1"
    )
    assert load_tables() is tables  # nothing cleared, nothing re-read
    assert reference.installed() == {"contribution": "v1"}


def test_validation_is_invisible_to_other_threads() -> None:
    """While one thread validates a candidate, another reads the data in use."""
    entered, release = threading.Event(), threading.Event()
    seen: list[object] = []
    candidate = _with("occupations", "occupations.csv", NEW_OCCUPATION)

    def reader() -> None:
        entered.wait(10)
        from models.rules.occupations import load_occupations

        seen.append(any(o.code == "UJI_PEMANDU" for o in load_occupations.__wrapped__()))
        release.set()

    thread = threading.Thread(target=reader)
    thread.start()
    from models.rules import datafiles

    token = datafiles._candidate.set({"occupations.csv": candidate["occupations.csv"]})
    try:
        entered.set()
        assert release.wait(10)
        assert "UJI_PEMANDU" in (datafiles.override("occupations.csv") or "")
    finally:
        datafiles._candidate.reset(token)
    thread.join(10)
    assert seen == [False]
