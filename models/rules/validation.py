"""The one entry point that runs every domain rule over a prospect payload (DOMAIN.md §4–§10).

``check_prospect`` is what saving, submitting and the server's re-check call; ``check_field``
runs only the rules that read one field, for live validation in the editor. Payloads use the
field names of ``sync.protocol.ProspectPayload`` and may hold wire values (ISO date strings)
or Python values (``date``). Rules are grouped by the fields they read; a group's issues can
land on any of its fields, which :func:`affected_fields` tells the editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from core.errors import Issue
from models.rules.consent import check_consent
from models.rules.contribution import PACKAGES, Quote, is_valid_income, quote
from models.rules.eligibility import check_age
from models.rules.funding import FUNDING_SOURCES, check_funding
from models.rules.kk import check_kk
from models.rules.months import is_month, month_of
from models.rules.nik import NikResult, check_nik
from models.rules.occupations import check_occupations, sector_for
from models.rules.phone import normalise_mobile
from models.rules.regions import DEFAULT_BRANCH_REGENCIES, regions
from sync.protocol import ProspectPayload

PAYMENT_PERIODS: tuple[int, ...] = (1, 3, 6, 12)
HEIR_RELATIONSHIPS: tuple[str, ...] = (
    "SUAMI_ISTRI",
    "ANAK",
    "ORANG_TUA",
    "CUCU",
    "KAKEK_NENEK",
    "SAUDARA_KANDUNG",
    "MERTUA",
    "DITUNJUK_WASIAT",
)
# §5 "req = yes" keys; the village (branch-dependent), occupation (E_OCC_NONE), mobile
# (W_NO_MOBILE), consent and signatures have their own rules.
REQUIRED_FIELDS: tuple[str, ...] = (
    "branch_code",
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "mother_maiden_name",
    "address_line",
    "province_code",
    "regency_code",
    "district_code",
    "declared_income",
    "package",
    "payment_period_months",
    "first_contribution_month",
    "funding_source",
)
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


@dataclass(frozen=True, slots=True)
class Context:
    payload: Mapping[str, Any]
    today: date
    consent: Mapping[str, Any] | None = None
    local_duplicates: Sequence[str] = ()
    mobile_shared_with: Sequence[str] = ()
    branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES
    max_age: int = 65
    below_minimum: Literal["warn", "refuse"] = "warn"
    new_registration: bool = True
    payment_periods: Sequence[int] = PAYMENT_PERIODS

    def text(self, key: str) -> str:
        return _text(self.payload, key)

    @property
    def on(self) -> date:
        """The registration date the age rules use: ``registration_date`` or today."""
        return as_date(self.payload.get("registration_date")) or self.today


# --------------------------------------------------------------------------------------------
# Value helpers
# --------------------------------------------------------------------------------------------


def _text(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ""


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_date(value: Any) -> date | None:
    """A ``date`` or an ISO ``YYYY-MM-DD`` string; anything else is ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@lru_cache(maxsize=1)
def max_lengths() -> dict[str, int]:
    """Top-level string limits of ``ProspectPayload`` (from its JSON schema)."""
    out: dict[str, int] = {}
    for name, prop in ProspectPayload.model_json_schema()["properties"].items():
        for option in [prop, *prop.get("anyOf", ())]:
            if option.get("type") == "string" and "maxLength" in option:
                out[name] = option["maxLength"]
    return out


def _nik_result(ctx: Context) -> NikResult | None:
    raw = ctx.payload.get("nik")
    if is_empty(raw) or not isinstance(raw, str):
        return None
    typed_sex = ctx.payload.get("sex")
    return check_nik(
        raw,
        today=ctx.today,
        address_district_code=ctx.text("district_code") or None,
        typed_birth_date=as_date(ctx.payload.get("birth_date")),
        typed_sex=typed_sex if isinstance(typed_sex, str) else None,
    )


def effective_birth_date(ctx: Context) -> date | None:
    """The typed birth date when valid, else the one the NIK carries."""
    typed = as_date(ctx.payload.get("birth_date"))
    if typed is not None and typed <= ctx.today:
        return typed
    result = _nik_result(ctx)
    return result.birth_date if result is not None and result.ok else None


# --------------------------------------------------------------------------------------------
# Rule groups: (fields they read, function)
# --------------------------------------------------------------------------------------------


def _identity(ctx: Context) -> list[Issue]:
    issues: list[Issue] = []
    raw_birth = ctx.payload.get("birth_date")
    typed = as_date(raw_birth)
    if not is_empty(raw_birth) and typed is None:
        issues.append(Issue("E_BIRTH_DATE_INVALID", "birth_date", {"reason": "format"}))
    elif typed is not None and typed > ctx.today:
        issues.append(Issue("E_BIRTH_DATE_INVALID", "birth_date", {"reason": "future"}))
    sex = ctx.payload.get("sex")
    if not is_empty(sex) and sex not in ("L", "P"):
        issues.append(Issue("E_REQUIRED", "sex", {"reason": "value"}))
    result = _nik_result(ctx)
    if result is not None:
        issues.extend(result.issues)
    if ctx.local_duplicates and result is not None and result.ok:
        names = [str(name) for name in ctx.local_duplicates]
        issues.append(Issue("E_NIK_DUPLICATE", "nik", {"name": names[0], "names": names}))
    birth = effective_birth_date(ctx)
    if birth is not None:
        issues.extend(
            check_age(birth, on=ctx.on, max_age=ctx.max_age, new_registration=ctx.new_registration)
        )
    return issues


def _kk(ctx: Context) -> list[Issue]:
    raw = ctx.payload.get("kk_number")
    if is_empty(raw) or not isinstance(raw, str):
        return []
    return check_kk(
        raw, today=ctx.today, address_district_code=ctx.text("district_code") or None
    ).issues


def _mobile(ctx: Context) -> list[Issue]:
    raw = ctx.payload.get("mobile")
    if is_empty(raw):
        if ctx.payload.get("no_mobile"):
            return [Issue("W_NO_MOBILE", "mobile")]
        return [Issue("E_REQUIRED", "mobile")]
    issues = list(normalise_mobile(str(raw)).issues)
    if not issues and ctx.mobile_shared_with:
        names = [str(name) for name in ctx.mobile_shared_with]
        issues.append(Issue("W_MOBILE_SHARED", "mobile", {"name": names[0], "names": names}))
    return issues


def _email(ctx: Context) -> list[Issue]:
    raw = ctx.payload.get("email")
    if is_empty(raw):
        return []
    if not isinstance(raw, str) or not _EMAIL_RE.match(raw.strip()) or ".." in raw:
        return [Issue("E_EMAIL_FORMAT", "email")]
    return []


def _address(ctx: Context) -> list[Issue]:
    return regions().check_address(
        ctx.text("province_code") or None,
        ctx.text("regency_code") or None,
        ctx.text("district_code") or None,
        ctx.text("village_code") or None,
        ctx.text("village_name_free") or None,
        ctx.branch_regencies,
    )


def _slots(ctx: Context) -> list[tuple[str | None, str | None]]:
    return [
        (ctx.text(f"occupation_{n}") or None, ctx.text(f"occupation_{n}_detail") or None)
        for n in (1, 2)
    ]


def _occupations(ctx: Context) -> list[Issue]:
    return check_occupations(_slots(ctx))


def quote_for(
    payload: Mapping[str, Any],
    *,
    today: date | None = None,
    below_minimum: Literal["warn", "refuse"] = "warn",
    payment_periods: Sequence[int] = PAYMENT_PERIODS,
) -> Quote | None:
    """The contribution quote of a payload (sector from its occupations), or ``None`` while
    income, package, period, first month or funding source is missing or invalid. With
    ``today``, an empty first month defaults to the registration month (§5)."""
    income = payload.get("declared_income")
    package = payload.get("package")
    months = payload.get("payment_period_months")
    first = payload.get("first_contribution_month")
    if is_empty(first) and today is not None:
        registered = as_date(payload.get("registration_date")) or today
        first = month_of(registered)
    funding = payload.get("funding_source") or "MANDIRI"
    if not (
        is_valid_income(income)
        and isinstance(package, str)
        and package in PACKAGES
        and isinstance(months, int)
        and not isinstance(months, bool)
        and months in payment_periods
        and isinstance(first, str)
        and is_month(first)
        and funding in FUNDING_SOURCES
    ):
        return None
    assert isinstance(income, int)
    primary, secondary = (_text(payload, f"occupation_{n}") or None for n in (1, 2))
    sector, uncertain = sector_for(primary, secondary)
    return quote(
        declared_income=income,
        package=package,
        first_month=first,
        months=months,
        sector=sector,
        funding_source=funding,
        below_minimum=below_minimum,
        sector_uncertain=uncertain,
    )


def _contribution(ctx: Context) -> list[Issue]:
    p = ctx.payload
    issues: list[Issue] = []
    income = p.get("declared_income")
    if income is not None and not is_valid_income(income):
        issues.append(Issue("E_INCOME_INVALID", "declared_income"))
    package = p.get("package")
    if not is_empty(package) and package not in PACKAGES:
        issues.append(Issue("E_PACKAGE_INVALID", "package", {"value": str(package)}))
    months = p.get("payment_period_months")
    if months is not None and (isinstance(months, bool) or months not in ctx.payment_periods):
        issues.append(
            Issue(
                "E_PERIOD_INVALID", "payment_period_months", {"allowed": list(ctx.payment_periods)}
            )
        )
    first = p.get("first_contribution_month")
    if not is_empty(first) and not is_month(first):
        issues.append(Issue("E_MONTH_INVALID", "first_contribution_month"))
    issues.extend(
        check_funding(ctx.text("funding_source") or None, ctx.text("funding_ref") or None)
    )
    jht_source = ctx.text("jht_funding_source")
    if jht_source and jht_source not in FUNDING_SOURCES:
        issues.append(Issue("E_FUNDING_UNKNOWN", "jht_funding_source", {"code": jht_source}))
    result = quote_for(p, below_minimum=ctx.below_minimum, payment_periods=ctx.payment_periods)
    if result is not None:
        issues.extend(result.issues)
    return issues


def _segment(ctx: Context) -> list[Issue]:
    return [Issue("W_MULTI_SEGMENT", "already_pu")] if ctx.payload.get("already_pu") == "YA" else []


def _heirs(ctx: Context) -> list[Issue]:
    heirs = ctx.payload.get("heirs") or []
    issues: list[Issue] = []
    orders: set[Any] = set()
    for i, heir in enumerate(heirs if isinstance(heirs, list) else []):
        prefix = f"heirs.{i}."
        if not isinstance(heir, Mapping):
            issues.append(Issue("E_HEIR_INVALID", f"heirs.{i}", {"reason": "type"}))
            continue
        if is_empty(heir.get("name")):
            issues.append(Issue("E_REQUIRED", prefix + "name"))
        if heir.get("relationship") not in HEIR_RELATIONSHIPS:
            issues.append(
                Issue("E_HEIR_INVALID", prefix + "relationship", {"reason": "relationship"})
            )
        order = heir.get("order")
        if order in orders:
            issues.append(Issue("E_HEIR_INVALID", prefix + "order", {"reason": "order_repeated"}))
        orders.add(order)
        if not is_empty(heir.get("mobile")):
            issues.extend(normalise_mobile(str(heir["mobile"]), field=prefix + "mobile").issues)
        if not is_empty(heir.get("nik")):
            result = check_nik(str(heir["nik"]), today=ctx.today)
            issues.extend(
                Issue(issue.code, prefix + "nik", issue.params)
                for issue in result.issues
                if issue.is_error
            )
    return issues


def _signatures(ctx: Context) -> list[Issue]:
    if ctx.text("paper_form_number"):
        return []
    return [
        Issue("E_SIGNATURE_MISSING", key)
        for key in ("signature_participant", "signature_agent")
        if is_empty(ctx.payload.get(key))
    ]


def _consent(ctx: Context) -> list[Issue]:
    return check_consent(ctx.consent, birth_date=effective_birth_date(ctx), on=ctx.on)


Rule = Callable[[Context], list[Issue]]
_IDENTITY_FIELDS = frozenset({"nik", "birth_date", "sex", "district_code", "registration_date"})
_OCC_FIELDS = frozenset(
    {"occupation_1", "occupation_1_detail", "occupation_2", "occupation_2_detail"}
)
_ADDRESS_FIELDS = frozenset(
    {"province_code", "regency_code", "district_code", "village_code", "village_name_free"}
)
GROUPS: tuple[tuple[frozenset[str], Rule], ...] = (
    (_IDENTITY_FIELDS, _identity),
    (frozenset({"kk_number", "district_code"}), _kk),
    (frozenset({"mobile", "no_mobile"}), _mobile),
    (frozenset({"email"}), _email),
    (_ADDRESS_FIELDS, _address),
    (_OCC_FIELDS, _occupations),
    (
        frozenset(
            {
                "declared_income",
                "package",
                "payment_period_months",
                "first_contribution_month",
                "funding_source",
                "funding_ref",
                "jht_funding_source",
            }
        )
        | _OCC_FIELDS,
        _contribution,
    ),
    (frozenset({"already_pu"}), _segment),
    (frozenset({"heirs"}), _heirs),
    (frozenset({"signature_participant", "signature_agent", "paper_form_number"}), _signatures),
    (frozenset({"consent", "birth_date", "nik", "registration_date"}), _consent),
)


def _required_and_length(ctx: Context, fields: Iterable[str]) -> list[Issue]:
    issues: list[Issue] = []
    limits = max_lengths()
    for key in fields:
        value = ctx.payload.get(key)
        if key in REQUIRED_FIELDS and is_empty(value):
            issues.append(Issue("E_REQUIRED", key))
        elif isinstance(value, str) and key in limits and len(value.strip()) > limits[key]:
            issues.append(Issue("E_TOO_LONG", key, {"max": limits[key], "n": len(value.strip())}))
    return issues


def _dedupe(issues: Iterable[Issue]) -> list[Issue]:
    seen: set[tuple[str, str | None]] = set()
    out: list[Issue] = []
    for issue in issues:
        key = (issue.code, issue.field)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def check_prospect(
    payload: Mapping[str, Any],
    *,
    today: date,
    consent: Mapping[str, Any] | None = None,
    local_duplicates: Sequence[str] = (),
    mobile_shared_with: Sequence[str] = (),
    branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES,
    max_age: int = 65,
    below_minimum: Literal["warn", "refuse"] = "warn",
    new_registration: bool = True,
    payment_periods: Sequence[int] = PAYMENT_PERIODS,
) -> list[Issue]:
    """Every rule over a prospect payload. ``local_duplicates`` names the other open
    prospects with the same NIK; ``mobile_shared_with`` those with the same mobile."""
    ctx = Context(
        payload,
        today,
        consent,
        tuple(local_duplicates),
        tuple(mobile_shared_with),
        tuple(branch_regencies),
        max_age,
        below_minimum,
        new_registration,
        tuple(payment_periods),
    )
    keys = set(REQUIRED_FIELDS) | set(max_lengths())
    issues = _required_and_length(ctx, sorted(keys))
    for _, rule in GROUPS:
        issues.extend(rule(ctx))
    return _dedupe(issues)


def affected_fields(field: str) -> frozenset[str]:
    """The fields whose issues :func:`check_field` recomputes for ``field``."""
    out: set[str] = {field}
    for fields, _ in GROUPS:
        if field in fields:
            out |= fields
    if field in _ADDRESS_FIELDS:
        out |= _ADDRESS_FIELDS
    return frozenset(out)


def check_field(
    field: str,
    payload: Mapping[str, Any],
    *,
    today: date,
    consent: Mapping[str, Any] | None = None,
    local_duplicates: Sequence[str] = (),
    mobile_shared_with: Sequence[str] = (),
    branch_regencies: Sequence[str] = DEFAULT_BRANCH_REGENCIES,
    max_age: int = 65,
    below_minimum: Literal["warn", "refuse"] = "warn",
    new_registration: bool = True,
    payment_periods: Sequence[int] = PAYMENT_PERIODS,
) -> list[Issue]:
    """Live validation of one field: the rules that read it (issues may concern any of
    :func:`affected_fields`), plus its own required/length check."""
    ctx = Context(
        payload,
        today,
        consent,
        tuple(local_duplicates),
        tuple(mobile_shared_with),
        tuple(branch_regencies),
        max_age,
        below_minimum,
        new_registration,
        tuple(payment_periods),
    )
    issues = _required_and_length(ctx, sorted(affected_fields(field)))
    for fields, rule in GROUPS:
        if field in fields:
            issues.extend(rule(ctx))
    return _dedupe(issues)


def acknowledged_codes(payload: Mapping[str, Any]) -> set[str]:
    """The warning codes the payload's ``acknowledged_warnings`` tick."""
    out: set[str] = set()
    for item in payload.get("acknowledged_warnings") or ():
        code = item.get("code") if isinstance(item, Mapping) else getattr(item, "code", None)
        if isinstance(code, str):
            out.add(code)
    return out


def blocking(issues: Iterable[Issue], acknowledged: Iterable[str] = ()) -> list[Issue]:
    """What stops *Simpan & kirim*: every error and every warning not acknowledged."""
    ticked = set(acknowledged)
    return [i for i in issues if i.is_error or (i.is_warning and i.code not in ticked)]


def can_submit(issues: Iterable[Issue], acknowledged: Iterable[str] = ()) -> bool:
    return not blocking(issues, acknowledged)
