"""Synthetic but valid prospects for the demo (``make run``), benchmarks and tests.

Every generated prospect passes ``check_prospect`` when submitted: a NIK with a real branch
kecamatan code, a birth date matching it and a synthetic serial ``99xx`` (DOMAIN.md §7.1), an
E.164 mobile unique within the run, a village of one of the four branch regencies, one or two
occupations, an income, a programme, a MANDIRI or sponsored funding source, heirs, a paper
consent and paper signatures. ``seed`` writes them in bulk (executemany per chunk, one
transaction per chunk) with their FTS entries, heirs, consents and, for the submitted share,
their outbox rows; it is the bulk-import path the benchmark measures.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models.base import RawJson, dump_json, new_id, table_of, utcnow
from models.consent import Consent
from models.db import Database
from models.heir import Heir
from models.outbox import OutboxEntry
from models.prospect import Prospect
from models.repositories import audit, search
from models.repositories import prospects as repo
from models.rules import validation
from models.rules.consent import current_notice
from models.rules.months import month_of
from models.rules.occupations import load_occupations, sector_for
from models.rules.regions import DEFAULT_BRANCH_REGENCIES, Region, regions
from models.services.changes import change_body
from models.services.context import AgentContext
from sync.protocol import ProspectPayload

__all__ = ["SeedResult", "SyntheticProspect", "make_prospect", "seed"]

GIVEN_NAMES = (
    "AGUS",
    "BUDI",
    "SITI",
    "SRI",
    "DEWI",
    "WAHYU",
    "EKO",
    "DWI",
    "TRI",
    "RINA",
    "YULI",
    "SLAMET",
    "SUTRISNO",
    "PURWANTO",
    "SUPARMI",
    "MARYATI",
    "ENDANG",
    "HERU",
    "JOKO",
    "NUR",
    "AHMAD",
    "MUHAMMAD",
    "FITRI",
    "LESTARI",
    "RAHAYU",
    "SUGENG",
    "TITIK",
    "WATI",
    "HARTONO",
    "SUSANTI",
    "BAMBANG",
    "RATNA",
    "IMAM",
    "KHOIRUL",
    "ANIS",
    "NINGSIH",
    "ROHMAT",
    "FAJAR",
    "INDAH",
    "YANTO",
    "SUKARDI",
    "TARMIJI",
    "KASMINAH",
    "DARSONO",
)
FAMILY_NAMES = (
    "SANTOSO",
    "WIBOWO",
    "SETIAWAN",
    "HIDAYAT",
    "PRASETYO",
    "KURNIAWAN",
    "SAPUTRA",
    "LESTARI",
    "RAHMAWATI",
    "SUSILO",
    "NUGROHO",
    "HARYANTO",
    "WIJAYA",
    "PURNOMO",
    "MULYANI",
    "ASTUTI",
    "HANDAYANI",
    "SUPRIYADI",
    "FAUZI",
    "MAULANA",
    "RIYANTO",
    "SAFITRI",
    "UTOMO",
    "WAHYUNI",
    "ARIFIN",
    "SUBAGYO",
    "KHASANAH",
    "MAWARDI",
)
STREETS = ("Jl. Merdeka", "Jl. Pasar", "Jl. Pelabuhan", "Gg. Mawar", "Jl. Batik", "Dukuh Krajan")
PLACES = ("PEKALONGAN", "BATANG", "PEMALANG", "KAJEN", "WIRADESA", "COMAL", "TEGAL", "SEMARANG")
INCOMES = (800_000, 1_000_000, 1_200_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000)
SPONSORED = ("WADAH_MITRA", "DONATUR_CSR", "SERTAKAN")
RELATIONSHIPS = ("SUAMI_ISTRI", "ANAK", "ORANG_TUA", "SAUDARA_KANDUNG")


@dataclass(frozen=True, slots=True)
class SyntheticProspect:
    id: uuid.UUID
    payload: dict[str, Any]
    consent: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SeedResult:
    created: int
    drafts: int
    queued: int
    synced: int = 0
    ids: list[uuid.UUID] = field(default_factory=list)


@lru_cache(maxsize=1)
def _wire_defaults() -> dict[str, Any]:
    """Fields the wire form always carries (``ProspectPayload`` defaults that are not None)."""
    empty = ProspectPayload.model_construct()
    return {
        name: getattr(empty, name)
        for name, info in ProspectPayload.model_fields.items()
        if not info.is_required() and getattr(empty, name) is not None
    }


@lru_cache(maxsize=4)
def _villages(branch: tuple[str, ...]) -> tuple[Region, ...]:
    index = regions()
    out: list[Region] = []
    for regency in branch:
        for district in index.districts(regency):
            out.extend(index.villages(district.code))
    return tuple(out)


@lru_cache(maxsize=1)
def _occupation_codes() -> tuple[str, ...]:
    return tuple(o.code for o in load_occupations() if not o.needs_detail)


def _nik(district: str, birth: date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return (
        f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    )


def make_prospect(
    rng: random.Random,
    *,
    today: date,
    used_niks: set[str] | None = None,
    mobile_number: int | None = None,
    event_id: uuid.UUID | None = None,
    branch_regencies: tuple[str, ...] = tuple(DEFAULT_BRANCH_REGENCIES),
    branch_code: str = "PEKALONGAN",
) -> SyntheticProspect:
    """One valid synthetic prospect (payload + consent). ``used_niks`` keeps NIKs unique;
    ``mobile_number`` makes the mobile unique (``+62812`` + 8 digits)."""
    village = rng.choice(_villages(branch_regencies))
    district = village.parent or ""
    regency = district.rsplit(".", 1)[0]
    sex = rng.choice("LP")
    while True:
        age_days = rng.randint(19 * 365, 63 * 365)
        birth = today - timedelta(days=age_days)
        nik = _nik(district, birth, sex, 9900 + rng.randrange(100))
        if used_niks is None or nik not in used_niks:
            break
    if used_niks is not None:
        used_niks.add(nik)
    number = mobile_number if mobile_number is not None else rng.randrange(10**8)
    occupations = rng.sample(_occupation_codes(), 2 if rng.random() < 0.2 else 1)
    funding = "MANDIRI" if rng.random() < 0.85 else rng.choice(SPONSORED)
    form_number = f"F1-{rng.randrange(10**6):06d}"
    pid = new_id()
    payload: dict[str, Any] = {
        "branch_code": branch_code,
        "nik": nik,
        "full_name": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
        "birth_place": rng.choice(PLACES),
        "birth_date": birth.isoformat(),
        "sex": sex,
        "mother_maiden_name": rng.choice(GIVEN_NAMES),
        "mobile": f"+62812{number % 10**8:08d}",
        "address_line": f"{rng.choice(STREETS)} No. {rng.randint(1, 200)}",
        "rt": f"{rng.randint(1, 15):03d}",
        "rw": f"{rng.randint(1, 9):03d}",
        "province_code": "33",
        "regency_code": regency,
        "district_code": district,
        "village_code": village.code,
        "occupation_1": occupations[0],
        "declared_income": rng.choice(INCOMES),
        "package": "JKK_JKM_JHT" if rng.random() < 0.25 else "JKK_JKM",
        "payment_period_months": rng.choice((1, 1, 3, 6, 12)),
        "first_contribution_month": month_of(today),
        "funding_source": funding,
        "registration_date": today.isoformat(),
        "channel": "FIELD_AGENT",
        "area_code": village.code,
        "signature_participant": "PAPER",
        "signature_agent": "PAPER",
        "paper_form_number": form_number,
        "consent_id": str(new_id()),
    }
    if len(occupations) > 1:
        payload["occupation_2"] = occupations[1]
    if funding != "MANDIRI":
        payload["funding_ref"] = f"IKS-{rng.randrange(1000):03d}/2026"
    if rng.random() < 0.5:
        payload["heirs"] = [
            {
                "order": 1,
                "name": f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                "relationship": rng.choice(RELATIONSHIPS),
            }
        ]
    if event_id is not None:
        payload["outreach_event_id"] = str(event_id)
    if payload["declared_income"] < 1_000_000:
        payload["acknowledged_warnings"] = [{"code": "W_INCOME_BELOW_MIN", "reason": "KTP cek"}]
    notice = current_notice(today)
    consent = {
        "prospect_id": str(pid),
        "notice_version": notice.version,
        "notice_sha256": notice.sha256,
        "purposes": ["ENROLMENT"],
        "method": "PAPER_FORM",
        "paper_form_number": form_number,
        "read_aloud": rng.random() < 0.3,
        "consented_at": utcnow().isoformat().replace("+00:00", "Z"),
    }
    if payload["funding_source"] != "MANDIRI" and payload["package"] == "JKK_JKM_JHT":
        payload["jht_funding_source"] = "MANDIRI"
    for key, default in _wire_defaults().items():
        payload.setdefault(key, list(default) if isinstance(default, list) else default)
    return SyntheticProspect(id=pid, payload=payload, consent=consent)


def seed(
    db: Database,
    *,
    count: int,
    rng: random.Random,
    agent: AgentContext,
    today: date,
    submitted_share: float = 0.7,
    synced_share: float = 0.0,
    chunk: int = 5000,
    event_id: uuid.UUID | None = None,
    progress: Callable[[int], None] | None = None,
) -> SeedResult:
    """Insert ``count`` synthetic prospects in bulk.

    ``synced_share`` of them are already on the server (badge *Terkirim* or *Disetujui*,
    ``server_rev`` 1, no outbox rows: a store in steady state); of the others,
    ``submitted_share`` wait in the outbox (*Menunggu kirim*) and the rest are drafts. The demo
    with its own server uses no synced share: there, the outbox really goes out."""
    ids: list[uuid.UUID] = []
    tally = {"draft": 0, "queued": 0, "synced": 0}
    weights = (
        (1 - synced_share) * (1 - submitted_share),
        (1 - synced_share) * submitted_share,
        synced_share,
    )
    with db.read_scope() as session:
        first_rowid = search.next_search_rowid(session)
        used = {nik for nik in session.scalars(select(Prospect.nik)) if nik}
        base_mobile = len(used) * 7919
    for start in range(0, count, chunk):
        n = min(chunk, count - start)
        batch = [
            make_prospect(
                rng,
                today=today,
                used_niks=used,
                mobile_number=base_mobile + start + i,
                event_id=event_id,
                branch_regencies=agent.branch_regencies,
                branch_code=agent.branch_code or "PEKALONGAN",
            )
            for i in range(n)
        ]
        states = rng.choices(("draft", "queued", "synced"), weights=weights, k=n)
        for state in states:
            tally[state] += 1
        with db.session_scope() as session:
            _insert_chunk(
                session, batch, states, agent=agent, today=today, first_rowid=first_rowid + start
            )
            if start == 0:
                audit.record(
                    session,
                    action="CREATE",
                    entity="prospect_import",
                    actor=agent.username,
                    detail={"count": count, "source": "demo_seed"},
                )
        ids.extend(p.id for p in batch)
        if progress is not None:
            progress(start + n)
    return SeedResult(
        created=count,
        drafts=tally["draft"],
        queued=tally["queued"],
        synced=tally["synced"],
        ids=ids,
    )


def _insert_chunk(
    session: Session,
    batch: list[SyntheticProspect],
    states: list[str],
    *,
    agent: AgentContext,
    today: date,
    first_rowid: int,
) -> None:
    now = utcnow()
    prospects: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    heirs: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    outbox_rows: list[dict[str, Any]] = []
    for offset, (item, state) in enumerate(zip(batch, states, strict=True)):
        submit = state != "draft"
        badge = _SYNCED_BADGES[offset % len(_SYNCED_BADGES)] if state == "synced" else state
        payload = dict(item.payload)
        snapshot, monthly = _quote(payload, today)
        if snapshot is not None:
            payload["quote"] = snapshot
        consent = item.consent
        consent_id = uuid.UUID(payload["consent_id"])
        encoded = RawJson(dump_json(payload))  # encoded once: column, outbox body and hash
        columns = repo.denormalised(payload, monthly_contribution=monthly)
        columns["search_rowid"] = first_rowid + offset
        prospects.append(
            {
                "id": item.id,
                "revision": 1 if submit else 0,
                "server_rev": 1 if state == "synced" else None,
                "review_state": badge if state == "synced" else None,
                "created_at": now,
                "updated_at": now,
                "payload_json": encoded,
                "status": "queued" if submit else "draft",
                "badge": badge,
                "flags_json": _EMPTY_LIST,
                "issues_json": _EMPTY_LIST,
                "server_errors_json": _EMPTY_LIST,
                "field_notes_json": _EMPTY_OBJECT,
                "acknowledged_warnings": {
                    a["code"]: a.get("reason", "") for a in payload.get("acknowledged_warnings", [])
                },
                "printed_count": 0,
                **columns,
            }
        )
        entries.append(
            {
                "rowid": columns["search_rowid"],
                "full_name": columns["full_name"],
                "nik": columns["nik"],
                "mobile": search.mobile_forms(columns["mobile"]),
                "village": columns["village_name"] or "",
            }
        )
        consents.append(_consent_row(consent_id, item.id, consent, state, now))
        heirs.extend(
            {
                "prospect_id": item.id,
                "heir_order": h["order"],
                "name": h["name"],
                "relationship": h["relationship"],
                "mobile": None,
                "nik": None,
            }
            for h in payload.get("heirs", [])
        )
        if state == "queued":
            outbox_rows.append(_outbox_row(item.id, "prospect", payload, agent, now, encoded))
            outbox_rows.append(_outbox_row(consent_id, "consent", consent, agent, now, None))
    # Core executemany (no ORM unit of work; keys are column names): the bulk import path.
    session.execute(insert(table_of(Prospect)), prospects)
    session.execute(insert(table_of(Consent)), consents)
    if heirs:
        session.execute(insert(table_of(Heir)), heirs)
    if outbox_rows:
        session.execute(insert(table_of(OutboxEntry)), outbox_rows)
    search.index_many(session, entries=entries)


_SYNCED_BADGES = ("received", "received", "received", "approved")
_EMPTY_LIST = RawJson("[]")
_EMPTY_OBJECT = RawJson("{}")


def _quote(payload: dict[str, Any], today: date) -> tuple[dict[str, Any] | None, int | None]:
    """The frozen quote of a generated payload; only the inputs of the quote form the key."""
    sector, uncertain = sector_for(payload.get("occupation_1"), payload.get("occupation_2"))
    key = (
        payload["declared_income"],
        payload["package"],
        payload["payment_period_months"],
        payload["first_contribution_month"],
        payload["funding_source"],
        sector,
        uncertain,
    )
    return _cached_quote(key, today, payload.get("occupation_1"), payload.get("occupation_2"))


_QUOTES: dict[tuple[Any, ...], tuple[dict[str, Any] | None, int | None]] = {}


def _cached_quote(
    key: tuple[Any, ...], today: date, occupation_1: str | None, occupation_2: str | None
) -> tuple[dict[str, Any] | None, int | None]:
    cache_key = (*key, today)
    if cache_key not in _QUOTES:
        income, package, months, first, funding = key[:5]
        source = {
            "declared_income": income,
            "package": package,
            "payment_period_months": months,
            "first_contribution_month": first,
            "funding_source": funding,
            "occupation_1": occupation_1,
            "occupation_2": occupation_2,
        }
        quote = validation.quote_for({k: v for k, v in source.items() if v}, today=today)
        _QUOTES[cache_key] = (
            (quote.to_snapshot().wire(), quote.monthly_first)
            if quote is not None and quote.ok
            else (None, None)
        )
    return _QUOTES[cache_key]


def _consent_row(
    consent_id: uuid.UUID, prospect_id: uuid.UUID, consent: dict[str, Any], state: str, now: Any
) -> dict[str, Any]:
    submit = state != "draft"
    return {
        "id": consent_id,
        "prospect_id": prospect_id,
        "revision": 1 if submit else 0,
        "created_at": now,
        "updated_at": now,
        "payload_json": consent,
        "notice_version": consent["notice_version"],
        "notice_sha256": consent.get("notice_sha256"),
        "purposes": consent["purposes"],
        "method": consent["method"],
        "paper_form_number": consent.get("paper_form_number"),
        "read_aloud": consent.get("read_aloud", False),
        "consented_at": now,
        "status": "queued" if submit else "draft",
        "server_rev": 1 if state == "synced" else None,
    }


def _outbox_row(
    record_id: uuid.UUID,
    entity: str,
    payload: dict[str, Any],
    agent: AgentContext,
    now: Any,
    encoded: str | None,
) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "entity_type": entity,
        "revision": 1,
        "base_revision": 0,
        "body": change_body(
            record_id=record_id,
            entity_type=entity,
            revision=1,
            base_revision=0,
            payload=payload,
            deleted=False,
            updated_at=now,
            agent=agent,
            trusted=True,
            payload_json=encoded,
        ),
        "state": "pending",
        "generation": 1,
        "attempts": 0,
        "created_at": now,
        "updated_at": now,
    }
