"""Shared helpers of the sync GUI tests: a village of the branch and a submitted prospect."""

from __future__ import annotations

import csv
import uuid
from typing import Any

from models.rules.consent import current_notice
from models.services import prospects
from tests.sync.factories import prospect_payload
from tests.sync.harness import SERVER_PASSWORD
from tests.ui.conftest import EMPTY_USERNAME, TODAY, wait_for_tasks


def village() -> str:
    """The first village of Kota Pekalongan in the shipped region list."""
    from models.rules.datafiles import DATA_DIR

    with (DATA_DIR / "regions" / "villages_pekalongan_branch.csv").open(encoding="utf-8") as f:
        return next(r["code"] for r in csv.DictReader(f) if r["code"].startswith("33.75."))


def save_submitted(ctx: Any, index: int, area: str) -> uuid.UUID:
    """Prospect ``index`` (unique NIK, a man born 15 Jun 1985) with paper-form consent, saved
    and submitted through the real save service; call it on the DB lane."""
    district = area[:8].replace(".", "")
    pid = prospects.new_prospect_id()
    payload = prospect_payload(
        index,
        nik=f"{district}150685{index:04d}",
        sex="L",
        birth_date="1985-06-15",
        full_name=f"PESERTA {index}",
        province_code=area[:2],
        regency_code=area[:5],
        district_code=area[:8],
        village_code=area,
        area_code=area,
        registration_date=TODAY.isoformat(),
        first_contribution_month=TODAY.strftime("%Y-%m"),
    )
    consent = {
        "prospect_id": str(pid),
        "notice_version": current_notice(TODAY).version,
        "purposes": ["ENROLMENT"],
        "method": "PAPER_FORM",
        "paper_form_number": f"F1-{index:04d}",
        "read_aloud": True,
        "consented_at": f"{TODAY.isoformat()}T09:00:00+07:00",
    }
    prospects.save(
        ctx.db,
        prospect_id=pid,
        payload=payload,
        submit=True,
        agent=ctx.agent,
        today=TODAY,
        consent=consent,
    )
    return pid


def enroll_and_sync(qtbot: Any, window: Any, *, server_url: str, code: str) -> None:
    """Enroll the unlocked window's profile (``EMPTY_USERNAME``) through the sync controller
    and wait for the first sync that follows."""
    with qtbot.waitSignal(window.sync.cycle_finished, timeout=20_000):
        window.sync.enroll(
            server_url=server_url,
            code=code,
            username=EMPTY_USERNAME,
            password=SERVER_PASSWORD,
            device_name="Laptop uji",
        )
    wait_for_tasks(qtbot)
