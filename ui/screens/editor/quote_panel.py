"""The *Rincian iuran* (Contribution details) panel beside the form (UI.md §3.4, DOMAIN.md §2).

It shows how the monthly contribution is made up (basis, JKK 1 %, JKM, JHT 2 % when chosen, at
the full rate), then the months grouped by amount ("Jan–Mar 2026  3 × Rp16.800"), the PP 50/2025
discount as a negative line when it applies, and the total. While any table row or sector used is
not confirmed it says *Perkiraan – tabel belum diverifikasi*. Amounts are integer rupiah formatted
by ``core.formatting``; the panel computes nothing itself except the undiscounted reference
amounts, which come from the same rate table.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.formatting import month_label, rupiah
from models.rules.contribution import Quote, load_tables

__all__ = ["MonthGroup", "QuotePanel", "group_months"]


@dataclass(frozen=True, slots=True)
class MonthGroup:
    first: str
    last: str
    count: int
    amount: int
    discounted: bool


def group_months(quote: Quote) -> list[MonthGroup]:
    """Consecutive months with the same amount and discount rules, in order."""
    groups: list[MonthGroup] = []
    for line in quote.lines:
        discounted = bool(line.rule_ids)
        last = groups[-1] if groups else None
        if last is not None and last.amount == line.total and last.discounted == discounted:
            groups[-1] = MonthGroup(last.first, line.month, last.count + 1, last.amount, discounted)
        else:
            groups.append(MonthGroup(line.month, line.month, 1, line.total, discounted))
    return groups


def month_span(first: str, last: str) -> str:
    """``Jan–Mar 2026``; ``Nov 2026–Jan 2027`` across a year; ``Feb 2026`` for one month."""
    if first == last:
        return month_label(first)
    if first[:4] == last[:4]:
        return f"{month_label(first).split()[0]}\u2013{month_label(last)}"
    return f"{month_label(first)}\u2013{month_label(last)}"


def _amount_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class QuotePanel(QFrame):
    """Read-only; ``show_quote(None)`` shows the "enter the income" hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Contribution details"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(6)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        outer.addWidget(self.title)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        outer.addWidget(self.empty_label)
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(0, 1)
        outer.addWidget(self.body)
        self.uncertain_label = QLabel(self)
        self.uncertain_label.setWordWrap(True)
        self.uncertain_label.setProperty("marker", "warning")
        outer.addWidget(self.uncertain_label)
        outer.addStretch(1)
        self.total_label = _amount_label(self.body)
        self.monthly_label = _amount_label(self.body)
        self._rows: list[tuple[str, str]] = []
        self._quote: Quote | None = None
        self.retranslate()
        self.show_quote(None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Contribution details"))
        self.empty_label.setText(
            self.tr("Enter the income, programme and months to see the contribution.")
        )
        self.uncertain_label.setText(self.tr("Estimate – table not yet verified"))
        self.show_quote(self._quote)

    # -- content -----------------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str]]:
        """What the panel shows, as (label, amount) pairs (for tests and screen readers)."""
        return list(self._rows)

    def total_text(self) -> str:
        return self._rows[-1][1] if self._quote is not None and self._rows else ""

    def show_quote(self, quote: Quote | None) -> None:
        self._quote = quote if quote is not None and quote.ok else None
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._rows = []
        shown = self._quote is not None
        self.body.setVisible(shown)
        self.empty_label.setVisible(not shown)
        self.uncertain_label.setVisible(bool(shown and self._quote and self._quote.uncertain))
        if self._quote is None:
            self.setAccessibleDescription(self.empty_label.text())
            return
        self._fill(self._quote)
        summary = "; ".join(f"{label} {amount}" for label, amount in self._rows)
        self.setAccessibleDescription(summary)

    def _fill(self, quote: Quote) -> None:
        tables = load_tables()
        first = quote.lines[0].month
        jkk_rate = tables.rate("JKK", first)
        jht_rate = tables.rate("JHT", first)
        full_jkk = jkk_rate.amount(quote.basis)
        full_jkm = tables.rate("JKM", first).amount(quote.basis)
        full_jht = jht_rate.amount(quote.basis) if quote.package == "JKK_JKM_JHT" else 0
        self._add(self.tr("Basis"), rupiah(quote.basis))
        self._add(self.tr("JKK {rate}").format(rate=_percent(jkk_rate.value)), rupiah(full_jkk))
        self._add(self.tr("JKM"), rupiah(full_jkm))
        if quote.package == "JKK_JKM_JHT":
            self._add(self.tr("JHT {rate}").format(rate=_percent(jht_rate.value)), rupiah(full_jht))
        self.monthly_label = self._add(
            self.tr("Per month"), rupiah(full_jkk + full_jkm + full_jht), bold=True
        )
        self._rule()
        groups = group_months(quote)
        for group in groups:
            label = month_span(group.first, group.last)
            self._add(label, f"{group.count} \u00d7 {rupiah(group.amount)}")
        full_total = (full_jkk + full_jkm + full_jht) * len(quote.lines)
        discount = quote.total - full_total
        if quote.discounted and discount < 0:
            self._add(self.tr("PP 50/2025 discount"), rupiah(discount))
        self._rule()
        self.total_label = self._add(self.tr("Total"), rupiah(quote.total), bold=True)

    def _add(self, label: str, amount: str, *, bold: bool = False) -> QLabel:
        row = self.grid.rowCount()
        name = QLabel(label, self.body)
        value = _amount_label(self.body)
        value.setText(amount)
        if bold:
            for widget in (name, value):
                font = widget.font()
                font.setBold(True)
                widget.setFont(font)
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(value, row, 1)
        self._rows.append((label, amount))
        return value

    def _rule(self) -> None:
        line = QFrame(self.body)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.grid.addWidget(line, self.grid.rowCount(), 0, 1, 2)


def _percent(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}%" if rest == 0 else f"{whole},{rest:02d}".rstrip("0") + "%"
