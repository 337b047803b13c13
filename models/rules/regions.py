"""Kemendagri region codes (DOMAIN.md §9): lookup, cascade, fuzzy village search, address rules.

Codes are dotted strings (``33.75.01.1002``) and are never parsed as numbers. The parent of a
code is the code minus its last part. Villages are shipped only for the four branch regencies;
elsewhere the village is free text and the address gets ``W_ADDRESS_OUTSIDE_BRANCH``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from core.errors import Issue
from models.rules.datafiles import ReferenceDataError, read_csv

Level = Literal["province", "regency", "district", "village"]

DEFAULT_BRANCH_REGENCIES: tuple[str, ...] = ("33.25", "33.26", "33.27", "33.75")

_LEVEL_BY_PARTS: dict[int, Level] = {1: "province", 2: "regency", 3: "district", 4: "village"}
_CODE_RE: dict[Level, re.Pattern[str]] = {
    "province": re.compile(r"^\d{2}$"),
    "regency": re.compile(r"^\d{2}\.\d{2}$"),
    "district": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "village": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
_FIELD_BY_LEVEL: dict[Level, str] = {
    "province": "province_code",
    "regency": "regency_code",
    "district": "district_code",
    "village": "village_code",
}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    parent: str | None
    level: Level
    kind: str | None = None  # village: desa/kelurahan; regency: kabupaten/kota


def parent_code(code: str) -> str | None:
    """``"33.75.01"`` → ``"33.75"``; a province has no parent."""
    head, sep, _ = code.rpartition(".")
    return head if sep else None


def level_of(code: str) -> Level | None:
    """The level a well-formed code belongs to, else ``None``."""
    level = _LEVEL_BY_PARTS.get(code.count(".") + 1) if isinstance(code, str) else None
    if level is None or not _CODE_RE[level].match(code):
        return None
    return level


def district_of_nik(nik: str) -> str:
    """NIK (or KK) digits 1–6 as a kecamatan code: ``"337501…"`` → ``"33.75.01"``."""
    digits = "".join(ch for ch in nik if not ch.isspace())[:6]
    if len(digits) != 6 or not digits.isdigit():
        raise ValueError("a NIK starts with six digits")
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def regency_of(code: str) -> str | None:
    """The ``PP.KK`` regency part of any district or village code."""
    return code[:5] if level_of(code) in ("regency", "district", "village") else None


def normalise_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", letters.casefold()).split())


class RegionIndex:
    """All provinces, regencies and districts, plus the villages of the branch regencies."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._by_code: dict[str, Region] = {}
        self._children: dict[str | None, list[Region]] = {}
        for region in regions:
            if region.code in self._by_code:
                raise ReferenceDataError(params={"code": region.code}, detail="duplicate code")
            self._by_code[region.code] = region
            self._children.setdefault(region.parent, []).append(region)
        for code, region in self._by_code.items():
            if region.parent is not None and region.parent not in self._by_code:
                raise ReferenceDataError(params={"code": code}, detail="parent missing")
        for children in self._children.values():
            children.sort(key=lambda r: r.code)
        villages = self._children_at("village")
        self._villages: tuple[Region, ...] = tuple(villages)
        self._village_keys: list[str] = [normalise_name(v.name) for v in villages]

    def _children_at(self, level: Level) -> list[Region]:
        return sorted((r for r in self._by_code.values() if r.level == level), key=lambda r: r.code)

    # -- lookup ------------------------------------------------------------------------------

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def name(self, code: str) -> str | None:
        region = self._by_code.get(code)
        return region.name if region else None

    def province(self, code: str) -> Region | None:
        region = self._by_code.get(code)
        return region if region and region.level == "province" else None

    def provinces(self) -> list[Region]:
        return list(self._children.get(None, ()))

    def children(self, code: str) -> list[Region]:
        return list(self._children.get(code, ()))

    def regencies(self, province_code: str) -> list[Region]:
        return [r for r in self.children(province_code) if r.level == "regency"]

    def districts(self, regency_code: str) -> list[Region]:
        return [r for r in self.children(regency_code) if r.level == "district"]

    def villages(self, district_code: str) -> list[Region]:
        return [r for r in self.children(district_code) if r.level == "village"]

    def has_villages(self, regency_code: str) -> bool:
        """True if the village list of this regency is shipped (the branch regencies)."""
        return any(self.villages(d.code) for d in self.districts(regency_code))

    def lineage(self, code: str) -> list[Region]:
        """The region and its ancestors, most specific first; unknown parts are skipped."""
        out: list[Region] = []
        current: str | None = code
        while current is not None:
            region = self._by_code.get(current)
            if region is not None:
                out.append(region)
            current = parent_code(current)
        return out

    def full_name(self, code: str) -> str:
        """``"33.75.01.1002"`` → ``"Medono, Pekalongan Barat, Kota Pekalongan, Jawa Tengah"``."""
        lineage = self.lineage(code)
        if not lineage or lineage[0].code != code:
            raise KeyError(code)
        return ", ".join(region.name for region in lineage)

    @staticmethod
    def is_branch(code: str, branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES) -> bool:
        """True if the code (regency, district or village) lies in one of the branch regencies."""
        regency = regency_of(code)
        return regency is not None and regency in set(branch_regencies)

    # -- search ------------------------------------------------------------------------------

    def search_villages(
        self,
        text: str,
        limit: int = 20,
        *,
        district_code: str | None = None,
        regency_code: str | None = None,
    ) -> list[Region]:
        """Villages whose names match ``text`` best: exact, then prefix, then substring, then
        fuzzy (official spellings differ from common ones: "Krasakageng" finds "Krsakageng")."""
        query = normalise_name(text)
        if not query or limit <= 0:
            return []
        scope = [
            (i, v)
            for i, v in enumerate(self._villages)
            if (district_code is None or v.parent == district_code)
            and (regency_code is None or v.code.startswith(regency_code + "."))
        ]
        keys = {i: self._village_keys[i] for i, _ in scope}
        ranked: dict[int, tuple[int, float]] = {}
        for i, key in keys.items():
            if key == query:
                ranked[i] = (3, 100.0)
            elif key.startswith(query) or any(w.startswith(query) for w in key.split()):
                ranked[i] = (2, 100.0)
            elif query in key:
                ranked[i] = (1, 100.0)
        if len(query) >= 3:
            from rapidfuzz import fuzz, process  # ~35 ms to import: not on the way to the list

            cutoff = 75.0 if len(query) >= 5 else 85.0
            for _, score, i in process.extract(
                query, keys, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff
            ):
                ranked.setdefault(i, (0, float(score)))
        order = sorted(ranked, key=lambda i: (-ranked[i][0], -ranked[i][1], keys[i]))
        return [self._villages[i] for i in order[:limit]]

    # -- rules -------------------------------------------------------------------------------

    def check_address(
        self,
        province: str | None,
        regency: str | None,
        district: str | None,
        village: str | None,
        village_name_free: str | None = None,
        branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES,
    ) -> list[Issue]:
        """§9: each code known at its level and a child of the one above, else
        ``E_ADDRESS_INCONSISTENT``; inside the branch the village comes from the list, outside
        it is free text with ``W_ADDRESS_OUTSIDE_BRANCH``. Missing codes are left to the
        required-field rule, except the village, whose requirement depends on the branch."""
        issues: list[Issue] = []
        chain: list[tuple[Level, str | None]] = [
            ("province", province),
            ("regency", regency),
            ("district", district),
        ]
        above: str | None = None
        known = True
        for level, code in chain:
            if not code:
                known = False
                above = None
                continue
            problem = self._code_problem(level, code, above)
            if problem:
                issues.append(_inconsistent(level, code, problem, above))
                known = False
            above = code
        inside = bool(regency) and self.is_branch(regency or "", branch_regencies)
        if inside and regency and not self.has_villages(regency):
            inside = False  # a configured branch regency whose villages are not shipped
        if village:
            if inside:
                problem = self._code_problem("village", village, district or None)
            elif level_of(village) != "village":
                problem = "format"
            elif district and parent_code(village) != district:
                problem = "parent"
            else:
                problem = None
            if problem:
                issues.append(_inconsistent("village", village, problem, district or None))
        elif inside or not (village_name_free or "").strip():
            if regency:
                issues.append(Issue("E_REQUIRED", "village_code"))
        if regency and known and not self.is_branch(regency, branch_regencies):
            issues.append(Issue("W_ADDRESS_OUTSIDE_BRANCH", "regency_code", {"regency": regency}))
        return issues

    def _code_problem(self, level: Level, code: str, parent: str | None) -> str | None:
        if level_of(code) != level:
            return "format"
        if code not in self._by_code:
            return "unknown"
        if parent is not None and parent_code(code) != parent:
            return "parent"
        return None


def _inconsistent(level: Level, code: str, reason: str, parent: str | None) -> Issue:
    params: dict[str, str] = {"code": code, "reason": reason, "level": level}
    if parent is not None:
        params["parent"] = parent
    return Issue("E_ADDRESS_INCONSISTENT", _FIELD_BY_LEVEL[level], params)


def _load_regions() -> list[Region]:
    regions: list[Region] = []
    for row in read_csv("regions/provinces.csv", columns=("code", "name")):
        regions.append(Region(row["code"], row["name"], None, "province"))
    for row in read_csv("regions/regencies.csv", columns=("code", "province_code", "name")):
        kind = "kota" if row["name"].startswith("Kota") else "kabupaten"
        regions.append(Region(row["code"], row["name"], row["province_code"], "regency", kind))
    for row in read_csv("regions/districts.csv", columns=("code", "regency_code", "name")):
        regions.append(Region(row["code"], row["name"], row["regency_code"], "district"))
    for row in read_csv(
        "regions/villages_pekalongan_branch.csv", columns=("code", "district_code", "name", "kind")
    ):
        regions.append(
            Region(row["code"], row["name"], row["district_code"], "village", row["kind"])
        )
    for region in regions:
        if level_of(region.code) != region.level or parent_code(region.code) != region.parent:
            raise ReferenceDataError(params={"code": region.code}, detail="malformed region code")
    return regions


@lru_cache(maxsize=1)
def regions() -> RegionIndex:
    """The shared, lazily loaded region index."""
    return RegionIndex(_load_regions())


def check_address(
    province: str | None,
    regency: str | None,
    district: str | None,
    village: str | None,
    village_name_free: str | None = None,
    branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES,
) -> list[Issue]:
    """Module-level shortcut for ``regions().check_address(...)``."""
    return regions().check_address(
        province, regency, district, village, village_name_free, branch_regencies
    )
