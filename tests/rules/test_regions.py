"""Region codes (§9) and the spot checks of regions/SOURCE.md §3–4."""

from __future__ import annotations

from collections import Counter

import pytest

from models.rules.regions import (
    DEFAULT_BRANCH_REGENCIES,
    RegionIndex,
    check_address,
    district_of_nik,
    level_of,
    parent_code,
    regions,
)


def test_row_counts() -> None:
    index = regions()
    assert len(index.provinces()) == 38
    assert sum(len(index.regencies(p.code)) for p in index.provinces()) == 514
    assert (
        sum(
            len(index.districts(r.code)) for p in index.provinces() for r in index.regencies(p.code)
        )
        == 7_285
    )
    villages = [
        v
        for regency in DEFAULT_BRANCH_REGENCIES
        for d in index.districts(regency)
        for v in index.villages(d.code)
    ]
    assert len(villages) == 783
    assert Counter(v.kind for v in villages) == {"desa": 723, "kelurahan": 60}


@pytest.mark.parametrize(
    ("regency", "name", "kecamatan", "desa", "kelurahan"),
    [
        ("33.25", "Kabupaten Batang", 15, 239, 9),
        ("33.26", "Kabupaten Pekalongan", 19, 272, 13),
        ("33.27", "Kabupaten Pemalang", 14, 212, 11),
        ("33.75", "Kota Pekalongan", 4, 0, 27),
    ],
)
def test_branch_regency_counts(regency, name, kecamatan, desa, kelurahan) -> None:
    index = regions()
    assert index.name(regency) == name
    districts = index.districts(regency)
    assert len(districts) == kecamatan
    kinds = Counter(v.kind for d in districts for v in index.villages(d.code))
    assert (kinds["desa"], kinds["kelurahan"]) == (desa, kelurahan)


def test_kota_pekalongan_kelurahan_and_codes() -> None:
    index = regions()
    names = {d.code: d.name for d in index.districts("33.75")}
    assert names == {
        "33.75.01": "Pekalongan Barat",
        "33.75.02": "Pekalongan Timur",
        "33.75.03": "Pekalongan Utara",  # Kemendagri 03 = Utara (BPS has it the other way)
        "33.75.04": "Pekalongan Selatan",
    }
    per = {code: len(index.villages(code)) for code in names}
    assert per == {"33.75.01": 7, "33.75.02": 7, "33.75.03": 7, "33.75.04": 6}
    kel = {v.name for code in names for v in index.villages(code)}
    assert len(kel) == 27
    assert {"Medono", "Podosugih", "Kali Baros", "Sokoduwet", "Buaran Kradenan"} <= kel


def test_batang_per_kecamatan_and_sodong_basari() -> None:
    index = regions()
    counts = [len(index.villages(d.code)) for d in index.districts("33.25")]
    assert counts == [15, 17, 18, 19, 20, 20, 15, 17, 17, 17, 21, 18, 13, 10, 11]
    assert index.name("33.27.03.2013") == "Sodong Basari"
    assert index.get("33.27.03.2013").parent == "33.27.03"


def test_codes_stay_strings() -> None:
    index = regions()
    assert index.get("33.10") is not None and index.get("33.10").code == "33.10"
    assert index.get("33.1") is None
    assert parent_code("33.75.01.1002") == "33.75.01"
    assert parent_code("33") is None
    assert level_of("33.75.01.1002") == "village" and level_of("33.75.1") is None


def test_lookups() -> None:
    index = regions()
    assert index.full_name("33.75.01.1002") == (
        "Medono, Pekalongan Barat, Kota Pekalongan, Jawa Tengah"
    )
    assert index.full_name("33.75.01") == "Pekalongan Barat, Kota Pekalongan, Jawa Tengah"
    with pytest.raises(KeyError):
        index.full_name("33.75.99")
    assert index.province("33").name == "Jawa Tengah"
    assert index.province("33.75") is None
    assert index.get("33.75").kind == "kota" and index.get("33.26").kind == "kabupaten"
    assert district_of_nik("337501") == "33.75.01"
    assert district_of_nik("3375011505909901") == "33.75.01"
    with pytest.raises(ValueError):
        district_of_nik("33AB01")


def test_is_branch() -> None:
    assert RegionIndex.is_branch("33.75.01.1002")
    assert RegionIndex.is_branch("33.26")
    assert not RegionIndex.is_branch("33.74.01")
    assert not RegionIndex.is_branch("33")
    assert RegionIndex.is_branch("33.74.01", ("33.74",))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Krasakageng", "Krsakageng"),
        ("Krsakageng", "Krsakageng"),
        ("karangsari", "Karangsari"),
        ("Medono", "Medono"),
        ("kali baros", "Kali Baros"),
        ("kalibaros", "Kali Baros"),
        ("Sukoyoso", "Sokoyoso"),
        ("pasir kraton kramat", "Pasirkratonkramat"),
    ],
)
def test_search_villages_handles_spellings(query: str, expected: str) -> None:
    found = regions().search_villages(query, limit=5)
    assert expected in [v.name for v in found], [v.name for v in found]


def test_search_ranks_exact_and_prefix_first_and_scopes() -> None:
    index = regions()
    assert index.search_villages("Medono")[0].name == "Medono"
    assert index.search_villages("med", limit=3)[0].name.lower().startswith("med")
    scoped = index.search_villages("a", limit=50, district_code="33.75.01")
    assert scoped and all(v.parent == "33.75.01" for v in scoped)
    assert index.search_villages("", limit=5) == []
    assert len(index.search_villages("sari", limit=7)) == 7


GOOD = ("33", "33.75", "33.75.01", "33.75.01.1002")


def test_check_address_consistent() -> None:
    assert check_address(*GOOD) == []


@pytest.mark.parametrize(
    ("address", "field", "reason"),
    [
        (("33", "33.75", "33.26.08", "33.26.08.2006"), "district_code", "parent"),
        (("32", "33.75", "33.75.01", "33.75.01.1002"), "regency_code", "parent"),
        (("33", "33.75", "33.75.01", "33.75.02.1002"), "village_code", "parent"),
        (("33", "33.75", "33.75.09", None), "district_code", "unknown"),
        (("33", "33.75", "33.75.01", "33.75.01.9999"), "village_code", "unknown"),
        (("33", "33.75", "33.75.1", None), "district_code", "format"),
    ],
)
def test_check_address_inconsistent(address, field, reason) -> None:
    issues = check_address(*address)
    first = next(i for i in issues if i.code == "E_ADDRESS_INCONSISTENT")
    assert (first.field, first.params["reason"]) == (field, reason)


def test_outside_branch_free_text_village() -> None:
    issues = check_address("33", "33.74", "33.74.01", None, "Kelurahan Contoh")
    assert [i.code for i in issues] == ["W_ADDRESS_OUTSIDE_BRANCH"]
    missing = check_address("33", "33.74", "33.74.01", None, None)
    assert {i.code for i in missing} == {"E_REQUIRED", "W_ADDRESS_OUTSIDE_BRANCH"}
    # a configured branch without shipped villages takes free text too
    assert check_address("33", "33.74", "33.74.01", None, "X", ("33.74",)) == []


def test_inside_branch_needs_listed_village() -> None:
    issues = check_address("33", "33.75", "33.75.01", None, "Medono")
    assert [(i.code, i.field) for i in issues] == [("E_REQUIRED", "village_code")]
