"""The one exception family of Jangkau.

Errors carry a stable ``code`` (the DOMAIN.md / SYNC_PROTOCOL.md codes such as ``E_NIK_LENGTH``
or ``device-revoked``), the ``field`` they concern and ``params`` for the sentence. They never
carry sentences: ``ui/errors.py`` is the only place that turns a code into words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Issue:
    """One rule outcome: an error (``E_…``) blocks submission, a warning (``W_…``) needs a tick."""

    code: str
    field: str | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E_")

    @property
    def is_warning(self) -> bool:
        return self.code.startswith("W_")


class JangkauError(Exception):
    """Base of every error Jangkau raises on purpose."""

    default_code = "internal"

    def __init__(
        self,
        code: str | None = None,
        *,
        field: str | None = None,
        params: Mapping[str, Any] | None = None,
        detail: str | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.field = field
        self.params = dict(params or {})
        self.detail = detail
        super().__init__(detail or self.code)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r})"


class ValidationError(JangkauError):
    """Input broke one or more rules; ``issues`` lists them all."""

    default_code = "validation-failed"

    def __init__(self, issues: list[Issue], *, detail: str | None = None) -> None:
        first = issues[0] if issues else None
        super().__init__(
            first.code if first else self.default_code,
            field=first.field if first else None,
            params=dict(first.params) if first else None,
            detail=detail,
        )
        self.issues = list(issues)


class StoreError(JangkauError):
    """The local store could not be opened, unlocked or migrated."""

    default_code = "store-error"


class WrongPasswordError(StoreError):
    default_code = "wrong-password"


class NotFoundError(JangkauError):
    default_code = "not-found"


class ConflictError(JangkauError):
    default_code = "conflict"


class Cancelled(JangkauError):
    """The user stopped a long job; nothing to report."""

    default_code = "cancelled"
