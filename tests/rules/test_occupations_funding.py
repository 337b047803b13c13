"""Occupations (§4.1) and funding sources (§6)."""

from __future__ import annotations

import pytest

from models.rules.funding import FUNDING_SOURCES, check_funding
from models.rules.occupations import (
    check_occupations,
    load_occupations,
    occupation,
    pp50_sector,
    sector_for,
    sector_uncertain,
)
from sync.protocol import FundingSource


def test_occupations_loaded() -> None:
    occs = load_occupations()
    assert len(occs) == 38
    assert len({o.code for o in occs}) == len(occs)
    assert occupation("PDG_PKL").label_en.startswith("Street vendor")
    assert occupation("NOPE") is None
    assert {o.code for o in occs if o.group == "ojek_driver"} == {
        "OJK_OJOL",
        "OJK_KURIR",
        "OJK_ANGKOT",
        "OJK_PANGKALAN",
        "OJK_BECAK",
        "OJK_SOPIR_LEPAS",
    }


def test_sector_and_uncertainty() -> None:
    assert pp50_sector("OJK_OJOL") == "TRANSPORTASI"
    assert pp50_sector("PDG_PKL") == "NON_TRANSPORTASI"
    assert pp50_sector(None) == "NON_TRANSPORTASI"
    uncertain = {o.code for o in load_occupations() if sector_uncertain(o.code)}
    assert uncertain == {"OJK_PANGKALAN", "OJK_BECAK", "OJK_SOPIR_LEPAS"}
    assert sector_for("OJK_OJOL") == ("TRANSPORTASI", False)
    assert sector_for("OJK_BECAK") == ("TRANSPORTASI", True)
    assert sector_for("OJK_OJOL", "PDG_PKL") == ("TRANSPORTASI", True)
    assert sector_for("PDG_PKL", "NLY_NELAYAN") == ("NON_TRANSPORTASI", False)


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ([("PDG_PKL", None)], []),
        ([("PDG_PKL", None), ("NLY_NELAYAN", None)], []),
        ([(None, None), (None, None)], [("E_OCC_NONE", "occupation_1")]),
        ([], [("E_OCC_NONE", "occupation_1")]),
        ([("PDG_PKL", None), ("PDG_PKL", None)], [("E_OCC_DUP", "occupation_2")]),
        (
            [("PDG_PKL", None), ("NLY_NELAYAN", None), ("TANI_PETANI", None)],
            [("E_OCC_MAX", "occupation_3")],
        ),
        ([("LAIN_LAINNYA", None)], [("E_OCC_DETAIL", "occupation_1_detail")]),
        ([("LAIN_LAINNYA", "  ")], [("E_OCC_DETAIL", "occupation_1_detail")]),
        ([("LAIN_LAINNYA", "penjahit")], []),
        ([("XX_UNKNOWN", None)], [("E_OCC_UNKNOWN", "occupation_1")]),
        ([(None, None), ("PDG_PKL", None)], [("E_REQUIRED", "occupation_1")]),
    ],
)
def test_check_occupations(slots, expected) -> None:
    assert [(i.code, i.field) for i in check_occupations(slots)] == expected


def test_funding_codes_match_protocol() -> None:
    assert set(FUNDING_SOURCES) == set(FundingSource.__args__)


@pytest.mark.parametrize(
    ("source", "ref", "codes"),
    [
        ("MANDIRI", None, []),
        ("DONATUR_CSR", "GN Lingkaran 2026", []),
        ("DONATUR_CSR", " ", ["W_FUNDING_REF_MISSING"]),
        ("APBD_KABKOTA", None, ["W_FUNDING_REF_MISSING"]),
        ("DANA_DESA_APBDES", "Perdes 3/2026", ["W_FUNDING_CONTESTED"]),
        ("DANA_DESA_APBDES", None, ["W_FUNDING_REF_MISSING", "W_FUNDING_CONTESTED"]),
        ("NOPE", None, ["E_FUNDING_UNKNOWN"]),
        (None, None, []),
    ],
)
def test_check_funding(source, ref, codes) -> None:
    assert [i.code for i in check_funding(source, ref)] == codes
