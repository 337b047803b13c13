"""Sample prospects for the printing tests and the documentation images.

Synthetic people (NIK serials 99xx, DOMAIN.md §7.1); quotes come from the real rule engine.
``python -m tests.printing.samples [folder]`` re-renders ``docs/img/printing/*.png``.
"""

from __future__ import annotations

import subprocess
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from models.rules.contribution import quote
from models.rules.occupations import sector_for
from printing.form_data import FormData

RECORD_ID = uuid.UUID("01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b")
CONTENT_HASH = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
PRINTED_ON = date(2026, 2, 10)


def full_payload(**overrides: Any) -> dict[str, Any]:
    """A complete prospect (wire form) whose quote crosses into the PP 50/2025 discount."""
    payload: dict[str, Any] = {
        "branch_code": "PEKALONGAN",
        "nik": "3375011505909901",
        "full_name": "SITI NURHALIZA RAHMAWATI",
        "birth_place": "Pekalongan",
        "birth_date": "1990-05-15",
        "sex": "P",
        "mother_maiden_name": "KASMINAH",
        "mobile": "+6281200000001",
        "email": "siti.nurhaliza@example.id",
        "address_line": "Jl. Sultan Agung Gg. 3 No. 17, dekat Pasar Banjarsari",
        "rt": "003",
        "rw": "007",
        "province_code": "33",
        "regency_code": "33.75",
        "district_code": "33.75.01",
        "village_code": "33.75.01.1002",
        "kk_number": "3375010101159901",
        "occupation_1": "PDG_PASAR",
        "occupation_1_detail": "Los batik, Pasar Banjarsari",
        "occupation_2": "UMKM_BATIK",
        "work_location": "Pasar Banjarsari, Kota Pekalongan",
        "working_hours": "05.00–13.00",
        "declared_income": 2_800_000,
        "package": "JKK_JKM_JHT",
        "payment_period_months": 6,
        "first_contribution_month": "2026-02",
        "funding_source": "MANDIRI",
        "jht_funding_source": "MANDIRI",
        "already_pu": "TIDAK",
        "heirs": [
            {
                "order": 1,
                "name": "AHMAD FAUZI",
                "relationship": "SUAMI_ISTRI",
                "mobile": "+6281200000002",
            },
            {"order": 2, "name": "NAILA PUTRI", "relationship": "ANAK", "nik": "3375014101159903"},
        ],
        "registration_date": "2026-02-10",
        "registration_place": "Pasar Banjarsari",
        "channel": "FIELD_AGENT",
        "area_code": "33.75.01",
        "paper_form_number": "F1-0042",
    }
    payload.update(overrides)
    return payload


def quote_for(payload: dict[str, Any]) -> Any:
    sector, uncertain = sector_for(payload.get("occupation_1"), payload.get("occupation_2"))
    return quote(
        declared_income=payload["declared_income"],
        package=payload["package"],
        first_month=payload["first_contribution_month"],
        months=payload["payment_period_months"],
        sector=sector,
        funding_source=payload.get("funding_source") or "MANDIRI",
        sector_uncertain=uncertain,
    )


def form_data(
    payload: dict[str, Any] | None = None,
    *,
    record_id: uuid.UUID = RECORD_ID,
    revision: int = 3,
    content_hash: str = CONTENT_HASH,
    printed_count: int = 0,
    with_quote: bool = True,
) -> FormData:
    payload = full_payload() if payload is None else payload
    return FormData.from_payload(
        payload,
        record_id=record_id,
        revision=revision,
        content_hash=content_hash,
        agent_name="Rina Wulandari",
        branch_name="Pekalongan",
        printed_count=printed_count,
        quote=quote_for(payload) if with_quote else None,
        notice_version="1",
        printed_on=PRINTED_ON,
    )


def render_documentation_images(folder: Path, *, dpi: int = 90) -> list[Path]:
    """The PNGs under docs/img/printing/: pre-filled form (both pages side by side; its quote
    crosses into the PP 50/2025 discount), blank form, personalised information sheet."""
    import io

    from PIL import Image

    from printing.blank_form import render_blank_form
    from printing.enrollment_form import render_enrollment_form
    from printing.info_sheet import render_info_sheet

    def pages(pdf: bytes) -> list[Image.Image]:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.pdf"
            source.write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(tmp) / "p")],
                check=True,
                timeout=60,
            )
            return [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p-*.png"))]

    def save(images: list[Image.Image], name: str) -> Path:
        gap = 12
        width = sum(i.width for i in images) + gap * (len(images) - 1)
        sheet = Image.new("RGB", (width, max(i.height for i in images)), (200, 200, 200))
        x = 0
        for image in images:
            sheet.paste(image, (x, 0))
            x += image.width + gap
        target = folder / name
        sheet.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
        return target

    folder.mkdir(parents=True, exist_ok=True)
    payload = full_payload()
    form = io.BytesIO()
    render_enrollment_form(form_data(payload), form)
    blank = io.BytesIO()
    render_blank_form(blank, branch_name="Pekalongan", notice_version="1")
    info = io.BytesIO()
    render_info_sheet(info, quote=quote_for(payload), name=payload["full_name"], on=PRINTED_ON)
    return [
        save(pages(form.getvalue()), "enrollment_form.png"),
        save(pages(blank.getvalue()), "blank_form.png"),
        save(pages(info.getvalue()), "info_sheet.png"),
    ]


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/printing")
    for written in render_documentation_images(out):
        print(written, written.stat().st_size // 1024, "KB")
