"""Newer reference data from the server, installed over the shipped files of ``data/``.

A dataset is a fixed group of files the rules read together (``DATASETS``): ``regions`` (the
four region CSVs), ``occupations``, ``contribution`` (rates, brackets, discounts) and ``notices``
(``notices.csv`` and the notice texts it names). ``validate`` parses candidate texts with the
very loaders the rules use, in the calling context only, so nothing else sees them; ``install``
validates first and changes nothing on any error, so a bad download can never break the app:
the shipped (or previously installed) data stays. ``reset`` returns to the shipped data.

Pure: no database, no Qt. The server validates with the same functions before publishing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from models.rules import consent, contribution, datafiles, occupations, regions
from models.rules.datafiles import DATA_DIR, ReferenceDataError

__all__ = [
    "DATASETS",
    "Dataset",
    "install",
    "installed",
    "on_change",
    "reset",
    "shipped_files",
    "validate",
]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
MAX_FILE_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    folder: str  # under data/, "" for the top level
    required: tuple[str, ...]
    extra_suffix: str | None = None  # further files allowed (notice texts)

    def relative(self, filename: str) -> str:
        return f"{self.folder}/{filename}" if self.folder else filename


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "regions",
            "regions",
            (
                "provinces.csv",
                "regencies.csv",
                "districts.csv",
                "villages_pekalongan_branch.csv",
            ),
        ),
        Dataset("occupations", "", ("occupations.csv",)),
        Dataset(
            "contribution",
            "",
            ("contribution_rates.csv", "contribution_brackets.csv", "contribution_discounts.csv"),
        ),
        Dataset("notices", "notices", ("notices.csv",), extra_suffix=".txt"),
    )
}


def _load_regions() -> Any:
    return regions.regions.__wrapped__()


def _load_notices() -> Any:
    return consent.notices.__wrapped__()


_LOADERS: dict[str, Callable[[], Any]] = {
    "regions": _load_regions,
    "occupations": occupations.load_occupations.__wrapped__,
    "contribution": contribution.load_tables.__wrapped__,
    "notices": _load_notices,
}
_CACHES: dict[str, tuple[Any, ...]] = {
    "regions": (regions.regions,),
    "occupations": (occupations.load_occupations, occupations._by_code),
    "contribution": (contribution.load_tables,),
    "notices": (consent.notices,),
}

_lock = threading.Lock()
_texts: dict[str, dict[str, str]] = {}  # dataset -> {relative path: text}, installed only
_versions: dict[str, str] = {}
_listeners: list[Callable[[str], None]] = []


def _dataset(name: str) -> Dataset:
    spec = DATASETS.get(name)
    if spec is None:
        raise ReferenceDataError(params={"dataset": name}, detail=f"unknown dataset {name!r}")
    return spec


def _check_names(spec: Dataset, files: Mapping[str, Any]) -> None:
    missing = [name for name in spec.required if name not in files]
    if missing:
        raise ReferenceDataError(
            params={"dataset": spec.name, "missing": missing},
            detail=f"{spec.name}: missing files {missing}",
        )
    for name, text in files.items():
        allowed = name in spec.required or (
            spec.extra_suffix is not None and name.endswith(spec.extra_suffix)
        )
        if not isinstance(name, str) or not _NAME.match(name) or not allowed:
            raise ReferenceDataError(
                params={"dataset": spec.name, "file": str(name)},
                detail=f"{spec.name}: file {name!r} does not belong to this dataset",
            )
        if not isinstance(text, str) or len(text) > MAX_FILE_CHARS:
            raise ReferenceDataError(
                params={"dataset": spec.name, "file": name},
                detail=f"{spec.name}/{name}: not text or too large",
            )


def validate(dataset: str, files: Mapping[str, str]) -> None:
    """Parse ``files`` (name → text) as ``dataset`` with the rules' own loaders; raises
    ``ReferenceDataError`` naming the problem. Changes nothing. The shipped files themselves
    pass at once (the rules' tests load them)."""
    spec = _dataset(dataset)
    if not isinstance(files, Mapping):
        raise ReferenceDataError(params={"dataset": dataset}, detail="files must be a mapping")
    _check_names(spec, files)
    if dict(files) == dict(_shipped(dataset)):
        return
    if dataset == "notices":  # every text it names travels with it (never the shipped folder)
        absent = sorted({row["file"] for row in _notice_rows(files)} - set(files))
        if absent:
            raise ReferenceDataError(
                params={"dataset": dataset, "missing": absent},
                detail=f"notices: texts {absent} are named but not included",
            )
    token = datafiles._candidate.set({spec.relative(n): t for n, t in files.items()})
    try:
        _LOADERS[dataset]()
    except ReferenceDataError as exc:
        raise ReferenceDataError(
            params={"dataset": dataset, **exc.params},
            detail=f"{dataset}: {exc.detail or ''} {exc.params or ''}".strip(),
        ) from exc
    except Exception as exc:  # a malformed value the loader did not anticipate
        raise ReferenceDataError(
            params={"dataset": dataset}, detail=f"{dataset}: {type(exc).__name__}: {exc}"
        ) from exc
    finally:
        datafiles._candidate.reset(token)


def _notice_rows(files: Mapping[str, str]) -> list[dict[str, str]]:
    token = datafiles._candidate.set({f"notices/{n}": t for n, t in files.items()})
    try:
        return datafiles.read_csv("notices/notices.csv", columns=("version", "file", "valid_from"))
    finally:
        datafiles._candidate.reset(token)


@lru_cache(maxsize=len(DATASETS))
def _shipped(dataset: str) -> tuple[tuple[str, str], ...]:
    spec = _dataset(dataset)
    folder = DATA_DIR / spec.folder if spec.folder else DATA_DIR
    names = list(spec.required)
    if spec.extra_suffix:
        names += sorted(
            p.name for p in folder.iterdir() if p.name.endswith(spec.extra_suffix) and p.is_file()
        )
    return tuple((name, (folder / name).read_bytes().decode("utf-8")) for name in names)


def shipped_files(dataset: str) -> dict[str, str]:
    """The dataset's files as shipped in this release (name → text, exact bytes kept)."""
    return dict(_shipped(dataset))


def install(dataset: str, files: Mapping[str, str], *, version: str | None = None) -> bool:
    """Use ``files`` for ``dataset`` from now on. Validates first: on ``ReferenceDataError``
    nothing changes. Returns False when they equal what is in use already (nothing cleared)."""
    validate(dataset, files)
    spec = DATASETS[dataset]
    texts = {spec.relative(n): t for n, t in files.items()}
    if texts == {spec.relative(n): t for n, t in _shipped(dataset)}:
        texts = {}  # the shipped data itself: no override needed
    with _lock:
        changed = _texts.get(dataset, {}) != texts
        if texts:
            _texts[dataset] = texts
        else:
            _texts.pop(dataset, None)
        if version is None:
            _versions.pop(dataset, None)
        else:
            _versions[dataset] = version
        if changed:
            _publish([dataset])
    return changed


def reset(dataset: str | None = None) -> None:
    """Back to the shipped data (one dataset, or all)."""
    with _lock:
        names = [dataset] if dataset is not None else list(DATASETS)
        changed = [n for n in names if n in _texts]
        for name in names:
            _texts.pop(name, None)
            _versions.pop(name, None)
        if changed:
            _publish(changed)


def installed() -> dict[str, str | None]:
    """Datasets installed from the server: name → version (``None`` if none was given)."""
    with _lock:
        return {name: None for name in _texts} | dict(_versions)


def on_change(callback: Callable[[str], None]) -> None:
    """``callback(dataset)`` after the data of ``dataset`` changed (for caches outside rules)."""
    _listeners.append(callback)


def _publish(datasets: list[str]) -> None:
    merged: dict[str, str] = {}
    for texts in _texts.values():
        merged.update(texts)
    datafiles.set_overrides(merged)
    for name in datasets:
        for cached in _CACHES[name]:
            cached.cache_clear()
    for name in datasets:
        for callback in list(_listeners):
            callback(name)
