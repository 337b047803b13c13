"""The code list covers every E_/W_ code DOMAIN.md names, with the severity its prefix says."""

from __future__ import annotations

import re
from pathlib import Path

from models.rules.codes import ERROR_CODES, SEVERITY, WARNING_CODES, severity

DOMAIN = Path(__file__).resolve().parents[2] / "docs" / "DOMAIN.md"


def _domain_codes() -> tuple[set[str], set[str]]:
    """Full codes, and family prefixes such as ``E_KK_`` (written ``E_KK_*``)."""
    text = DOMAIN.read_text(encoding="utf-8")
    codes: set[str] = set()
    families: set[str] = set()
    for token in re.findall(r"\b[EW]_[A-Z_]+", text):
        (families if token.endswith("_") else codes).add(token)
    # `E_OCC_NONE`/`_MAX`/`_DUP` → E_OCC_MAX, E_OCC_DUP
    for head, tails in re.findall(r"`([EW]_[A-Z]+)_[A-Z]+`((?:/`_[A-Z_]+`)+)", text):
        for tail in re.findall(r"`(_[A-Z_]+)`", tails):
            codes.add(head + tail)
    return codes, families


def test_every_domain_code_is_listed() -> None:
    codes, families = _domain_codes()
    assert len(codes) > 30
    assert {"E_OCC_MAX", "E_OCC_DUP", "E_KK_DAY", "W_NO_MOBILE"} <= codes
    assert codes - set(SEVERITY) == set()
    for family in families:
        assert any(code.startswith(family) for code in SEVERITY), family


def test_severity_matches_prefix() -> None:
    for code, level in SEVERITY.items():
        assert level == ("error" if code.startswith("E_") else "warning"), code
        assert severity(code) == level
    assert ERROR_CODES.isdisjoint(WARNING_CODES)
    assert ERROR_CODES | WARNING_CODES == set(SEVERITY)


def test_kk_family_mirrors_nik() -> None:
    nik = {c.removeprefix("E_NIK_") for c in SEVERITY if c.startswith("E_NIK_")} - {"DUPLICATE"}
    kk = {c.removeprefix("E_KK_") for c in SEVERITY if c.startswith("E_KK_")}
    assert nik == kk
    assert {"W_KK_AREA_UNKNOWN", "W_KK_AREA_MISMATCH"} <= set(SEVERITY)
