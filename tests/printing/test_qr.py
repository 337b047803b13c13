"""QR payload text, the verification of paper against a record, and the symbol itself."""

from __future__ import annotations

import io
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas

from printing import qr
from sync.protocol import payload_hash
from tests.printing.conftest import rasterise_pdf, read_qr_codes
from tests.printing.samples import full_payload

RID = uuid.UUID("01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b")


def test_encode_is_compact_and_round_trips() -> None:
    payload = qr.QrPayload(RID, 3, "9f86d081884c7d65")
    text = qr.encode(payload)
    assert text == "JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3|9f86d081884c7d65"
    assert qr.decode(text) == payload


def test_decode_forgives_blanks_and_case() -> None:
    text = "  jku1 | 01936B2A-7C4E-7D1F-9A3B-5C6D7E8F9A0B | 3 | 9F86D081884C7D65 \n"
    assert qr.decode(text) == qr.QrPayload(RID, 3, "9f86d081884c7d65")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "format"),
        ("hello world", "format"),
        ("JKU2|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3|9f86d081884c7d65", "format"),
        ("JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3", "format"),
        ("JKU1|not-a-uuid|3|9f86d081884c7d65", "record-id"),
        ("JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|0|9f86d081884c7d65", "revision"),
        ("JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|-1|9f86d081884c7d65", "revision"),
        ("JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3|9f86d081884c7d6", "hash"),
        ("JKU1|01936b2a-7c4e-7d1f-9a3b-5c6d7e8f9a0b|3|zz86d081884c7d65", "hash"),
        ("JKU1|" + "x" * 300, "length"),
    ],
)
def test_garbage_is_a_coded_error(text: str, reason: str) -> None:
    with pytest.raises(qr.QrError) as caught:
        qr.decode(text)
    assert caught.value.code == "qr-invalid"
    assert caught.value.params["reason"] == reason


def test_content_hash_of_takes_the_wire_hash() -> None:
    full = payload_hash(
        entity_type="prospect", payload=full_payload(), schema_version=1, deleted=False
    )
    short = qr.content_hash_of(full)
    assert len(short) == 16 and full == f"sha256:{short}{full[23:]}"
    assert qr.content_hash_of(full.removeprefix("sha256:").upper()) == short
    with pytest.raises(qr.QrError):
        qr.content_hash_of("sha256:xyz")


class _Store:
    """A synced-record lookup as the branch office has it: id → (revision, payload_hash)."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, tuple[int, str]] = {}

    def put(self, record_id: uuid.UUID, revision: int, payload: dict[str, object]) -> str:
        digest = payload_hash(
            entity_type="prospect", payload=payload, schema_version=1, deleted=False
        )
        self.rows[record_id] = (revision, digest)
        return digest

    def lookup(self, record_id: uuid.UUID) -> tuple[int, str] | None:
        return self.rows.get(record_id)


def test_verify_match_mismatch_unknown_invalid() -> None:
    store = _Store()
    payload = full_payload()
    digest = store.put(RID, 3, payload)
    printed = qr.encode(qr.QrPayload(RID, 3, qr.content_hash_of(digest)))

    result = qr.verify(printed, lookup=store.lookup)
    assert result.status == "match" and result.current_revision == 3

    store.put(RID, 4, full_payload(full_name="SITI NURHALIZA R."))
    result = qr.verify(printed, lookup=store.lookup)
    assert (result.status, result.reason, result.current_revision) == ("mismatch", "outdated", 4)

    store.put(RID, 3, full_payload(declared_income=3_000_000))  # same revision, other content
    result = qr.verify(printed, lookup=store.lookup)
    assert (result.status, result.reason) == ("mismatch", "content-differs")

    store.put(RID, 2, payload)  # the branch has not synced revision 3 yet
    result = qr.verify(printed, lookup=store.lookup)
    assert (result.status, result.reason, result.current_revision) == ("mismatch", "ahead", 2)

    other = qr.encode(qr.QrPayload(uuid.uuid4(), 1, "0" * 16))
    assert qr.verify(other, lookup=store.lookup).status == "unknown"

    bad = qr.verify("https://example.com/not-ours", lookup=store.lookup)
    assert bad.status == "invalid" and bad.error_code == "qr-invalid:format"


@settings(max_examples=60, deadline=None)
@given(
    record_id=st.uuids(),
    revision=st.integers(min_value=1, max_value=10**15),
    digest=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
)
def test_round_trip_property(record_id: uuid.UUID, revision: int, digest: str) -> None:
    payload = qr.QrPayload(record_id, revision, digest)
    assert qr.decode(qr.encode(payload)) == payload


def test_symbols_scan_for_many_payloads() -> None:
    """The mask choice is re-implemented: every symbol, whichever mask won, must scan."""
    texts = [
        qr.encode(
            qr.QrPayload(uuid.UUID(int=(i * 0x9E3779B97F4A7C15) % 2**128), i + 1, f"{i:016x}")
        )
        for i in range(24)
    ]
    masks = {qr.matrix(t) for t in texts}
    assert len(masks) == len(texts)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for i, text in enumerate(texts):
        qr.draw_qr(canvas, text, x=30 + (i % 6) * 92, y=680 - (i // 6) * 150, size=80)
    canvas.save()
    assert read_qr_codes(rasterise_pdf(buffer.getvalue(), dpi=150)) == sorted(texts)


def test_penalty_prefers_the_plain_rules() -> None:
    """ISO 18004 penalties on tiny grids: runs, 2×2 blocks, finder-like runs, dark balance."""
    checker = ["01" * 3, "10" * 3] * 3  # 6×6 checkerboard: no runs, no blocks, balanced
    assert qr._penalty(checker) == 0
    dark = ["1" * 6] * 6  # all dark: 12 runs of 6 (4 each), 25 blocks (3 each), 50% off (100)
    assert qr._penalty(dark) == 12 * 4 + 25 * 3 + 10 * 10


@pytest.mark.parametrize("length", [20, 62, 90, 150])
def test_fast_masks_equal_reportlabs_own_placement(length: int) -> None:
    """``candidates`` re-derives masks 1–7 from mask 0: it must draw what ReportLab draws."""
    from reportlab.graphics.barcode import qrencoder

    text = ("JKU1|" + "0123456789abcdef-" * 10)[:length]
    fast = qr.candidates(text)
    for pattern in range(8):
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.version = code.calculate_version()
        code.makeImpl(False, pattern)
        reference = tuple("".join("1" if d else "0" for d in row) for row in code.modules)
        assert fast[pattern] == reference, (length, pattern)
