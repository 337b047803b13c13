"""Reference data end to end (SYNC_PROTOCOL.md §4.7), real server on loopback, no mocks: the
server publishes new occupations, a laptop syncs and its rules accept the new code at once and
again after the store is reopened; a corrupt or mismatched version is refused and the data in
use stays.

The server is this module's own (not the shared one): its feeds carry the versions published
here, which every other agent would otherwise download too.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models.db import Database
from models.reference_data import ReferenceData
from models.rules import reference as rules_reference
from models.rules.occupations import check_occupations, occupation
from models.services.context import load_agent_context
from server.clock import utc_now
from server.models.records import ReferenceVersion
from server.repositories import feed as feed_repo
from server.services import reference as reference_service
from sync import reference as sync_reference
from sync.engine import SyncStatus
from tests.sync.factories import PASSWORD, make_store
from tests.sync.harness import Device, LiveServer

NEW = "UJI_PEMANDU,Pemandu wisata,Tour guide,lainnya,\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("refserver")).start()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(autouse=True)
def _shipped_rules() -> Iterator[None]:
    rules_reference.reset()
    yield
    rules_reference.reset()


@pytest.fixture
def laptop(server: LiveServer, tmp_path: Path) -> Iterator[Device]:
    agent = server.create_agent(f"agen{uuid.uuid4().hex[:10]}")
    device_id, token = server.register_device(agent)
    device = Device(make_store(tmp_path / "store.db"), server_url=server.url, timeout=(5.0, 30.0))
    device.adopt(device_id=device_id, agent_id=agent, token=token)
    yield device
    device.close()
    device.db.close()


def _occupations(extra: str) -> dict[str, str]:
    files = rules_reference.shipped_files("occupations")
    files["occupations.csv"] += extra
    return files


def _stored(db: Database) -> dict[tuple[str, str], tuple[str, str | None]]:
    with db.read_scope() as session:
        rows = session.scalars(select(ReferenceData))
        return {(r.dataset, r.version): (r.status, r.error) for r in rows}


def _publish_raw(server: LiveServer, dataset: str, version: str, content: str, sha: str) -> None:
    """A version as a broken or tampered server would hold it (bypassing the checks)."""
    with server.database.write() as session:
        seq = feed_repo.allocate(session, count=1)
        session.add(
            ReferenceVersion(
                dataset=dataset,
                version=version,
                seq=seq,
                sha256=sha,
                content=content,
                published_at=utc_now(),
            )
        )


def test_new_occupations_reach_the_rules_and_survive_a_reopen(
    server: LiveServer, laptop: Device, tmp_path: Path
) -> None:
    assert [i.code for i in check_occupations([("UJI_PEMANDU", None)])] == ["E_OCC_UNKNOWN"]
    report = reference_service.publish(
        server.database, dataset="occupations", files=_occupations(NEW), version="occ-2026-12",
        now=utc_now(),
    )  # fmt: skip
    assert report.published

    result = laptop.cycle()
    assert result.status == SyncStatus.OK, result.error
    assert check_occupations([("UJI_PEMANDU", None)]) == []  # the rules accept it at once
    assert occupation("UJI_PEMANDU").label_id == "Pemandu wisata"
    stored = _stored(laptop.db)
    assert stored[("occupations", "occ-2026-12")] == ("valid", None)
    regions = [key for key in stored if key[0] == "regions"]
    assert len(regions) == 1 and stored[regions[0]][0] == "valid"  # the server's own regions
    assert rules_reference.installed()["occupations"] == "occ-2026-12"

    # Nothing is fetched twice.
    assert laptop.cycle().status == SyncStatus.OK
    assert sync_reference.refresh(laptop.client, laptop.run_db).installed == {}

    # A new process: shipped data until the store is unlocked, then the stored version again.
    laptop.db.close()
    rules_reference.reset()
    assert occupation("UJI_PEMANDU") is None
    reopened = Database.open(tmp_path / "store.db", password=PASSWORD)
    try:
        load_agent_context(reopened)
        assert check_occupations([("UJI_PEMANDU", None)]) == []
    finally:
        reopened.close()
    # Another profile on the same laptop never sees it.
    other = make_store(tmp_path / "other.db")
    try:
        load_agent_context(other)
        assert occupation("UJI_PEMANDU") is None and rules_reference.installed() == {}
    finally:
        other.close()
    laptop.db = Database.open(tmp_path / "store.db", password=PASSWORD)


def test_a_version_the_rules_refuse_is_kept_out_and_never_fetched_again(
    server: LiveServer, laptop: Device
) -> None:
    good = reference_service.publish(
        server.database, dataset="occupations", files=_occupations("UJI_BAIK,Baik,Good,petani,\n"),
        version="occ-good", now=utc_now(),
    )  # fmt: skip
    assert good.published and laptop.cycle().status == SyncStatus.OK
    assert occupation("UJI_BAIK") is not None

    bad = reference_service.content_of(
        "occupations", "occ-bad", _occupations("UJI_BURUK,Buruk,Bad,bukan_grup,\n")
    )
    _publish_raw(server, "occupations", "occ-bad", bad, hashlib.sha256(bad.encode()).hexdigest())
    result = laptop.cycle()
    assert result.status == SyncStatus.OK, result.error  # the sync itself is fine
    status, error = _stored(laptop.db)[("occupations", "occ-bad")]
    assert status == "rejected" and "unknown group" in (error or "")
    assert occupation("UJI_BAIK") is not None and occupation("UJI_BURUK") is None
    assert rules_reference.installed()["occupations"] == "occ-good"
    assert laptop.run_db(sync_reference.pending) == []  # refused for good: not asked again

    # An unlock installs the newest *valid* version, not the refused one.
    rules_reference.reset()
    load_agent_context(laptop.db)
    assert occupation("UJI_BAIK") is not None and occupation("UJI_BURUK") is None


def test_a_download_that_does_not_match_its_etag_is_not_stored_and_is_retried(
    server: LiveServer, laptop: Device
) -> None:
    content = reference_service.content_of("occupations", "occ-tampered", _occupations(NEW))
    _publish_raw(server, "occupations", "occ-tampered", content, "0" * 64)
    result = laptop.cycle()
    assert result.status == SyncStatus.OK, result.error
    assert ("occupations", "occ-tampered") not in _stored(laptop.db)
    assert occupation("UJI_PEMANDU") is None  # shipped data stays
    again = sync_reference.refresh(laptop.client, laptop.run_db)
    assert list(again.failed) == ["occupations/occ-tampered"] and "ETag" in str(again.failed)

    # Fixed on the server (same content, right hash): the next sync takes it.
    with server.database.write() as session:
        row = session.get(ReferenceVersion, ("occupations", "occ-tampered"))
        row.sha256 = hashlib.sha256(content.encode()).hexdigest()
    assert laptop.cycle().status == SyncStatus.OK
    assert _stored(laptop.db)[("occupations", "occ-tampered")] == ("valid", None)
    assert occupation("UJI_PEMANDU") is not None


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        # Not JSON: the client takes it for a foreign reply (a proxy), asks again next sync.
        ("not json at all", None),
        (json.dumps(["the", "old", "row", "list"]), "rejected"),
        (json.dumps({"dataset": "regions", "version": "occ-x", "files": {}}), "rejected"),
        (json.dumps({"dataset": "occupations", "version": "occ-x", "files": {"a.csv": "x"}}),
         "rejected"),
    ],
)  # fmt: skip
def test_malformed_content_is_refused_and_the_shipped_data_stays(
    server: LiveServer, laptop: Device, content: str, kept: str | None
) -> None:
    version = "occ-" + hashlib.sha256(content.encode()).hexdigest()[:10]
    content = content.replace("occ-x", version)
    sha = hashlib.sha256(content.encode()).hexdigest()
    _publish_raw(server, "occupations", version, content, sha)
    assert laptop.cycle().status == SyncStatus.OK
    stored = _stored(laptop.db).get(("occupations", version))
    assert (stored[0] if stored else None) == kept
    assert "occupations" not in rules_reference.installed()
    assert [i.code for i in check_occupations([("UJI_PEMANDU", None)])] == ["E_OCC_UNKNOWN"]


def test_a_dataset_this_app_does_not_read_is_ignored(server: LiveServer, laptop: Device) -> None:
    content = json.dumps({"dataset": "branch_baseline", "version": "b1", "files": {}})
    _publish_raw(
        server, "branch_baseline", "b1", content, hashlib.sha256(content.encode()).hexdigest()
    )
    assert laptop.cycle().status == SyncStatus.OK
    assert laptop.run_db(sync_reference.pending) == [("branch_baseline", "b1")]
    assert not any(key[0] == "branch_baseline" for key in _stored(laptop.db))
    assert sync_reference.refresh(laptop.client, laptop.run_db).ok
