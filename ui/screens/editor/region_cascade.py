"""Province → Kab/Kota → Kecamatan → Desa/Kelurahan pickers that filter each other (DOMAIN.md §9).

``RegionCascade`` owns four ``FilterCombo`` boxes and a free-text village box; the address section
lays them out with their labels. Choosing a parent refills the level below (and clears what no
longer fits); the village list exists only for the branch regencies, elsewhere the village is
typed as free text (``W_ADDRESS_OUTSIDE_BRANCH`` comes from the rules). Village names typed with
another spelling are matched fuzzily through ``models.rules.regions``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QStackedWidget, QWidget

from models.rules.regions import RegionIndex, level_of, parent_code, regions
from ui.screens.editor.filter_combo import FilterCombo

__all__ = ["RegionCascade"]


def _by_name(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(items, key=lambda item: item[1].casefold())


class RegionCascade(QObject):
    """The four address levels; ``changed`` fires whenever any chosen code or the free text changes."""

    changed = Signal()

    def __init__(self, parent: QWidget, *, index: RegionIndex | None = None) -> None:
        super().__init__(parent)
        self._index = index or regions()
        self.province_combo = FilterCombo(parent)
        self.regency_combo = FilterCombo(parent)
        self.district_combo = FilterCombo(parent)
        self.village_combo = FilterCombo(parent)
        self.village_free_edit = QLineEdit(parent)
        self.village_free_edit.setMaxLength(100)
        self.village_stack = QStackedWidget(parent)
        self.village_stack.addWidget(self.village_combo)
        self.village_stack.addWidget(self.village_free_edit)
        self.village_combo.set_fuzzy_matcher(self._match_village)
        self.province_combo.set_items(
            _by_name([(r.code, r.name) for r in self._index.provinces()]), keep=False
        )
        self.province_combo.code_changed.connect(self._province_changed)
        self.regency_combo.code_changed.connect(self._regency_changed)
        self.district_combo.code_changed.connect(self._district_changed)
        self.village_combo.code_changed.connect(lambda _code: self.changed.emit())
        self.village_free_edit.textEdited.connect(lambda _text: self.changed.emit())
        self._update_village_mode()

    # -- widgets and values ----------------------------------------------------------------
    def village_input(self) -> QWidget:
        """The village box currently shown: the pick list, or free text outside the branch."""
        shown = self.village_stack.currentWidget()
        assert shown is not None  # the stack holds both boxes from __init__ on
        return shown

    def free_village(self) -> bool:
        return self.village_stack.currentWidget() is self.village_free_edit

    def codes(self) -> dict[str, str | None]:
        free = self.free_village()
        return {
            "province_code": self.province_combo.current_code(),
            "regency_code": self.regency_combo.current_code(),
            "district_code": self.district_combo.current_code(),
            "village_code": None if free else self.village_combo.current_code(),
            "village_name_free": (self.village_free_edit.text().strip() or None) if free else None,
        }

    def typed_texts(self) -> dict[str, str]:
        """What is typed in each box, also when it matches nothing (kept in drafts)."""
        return {
            "province": self.province_combo.typed_text(),
            "regency": self.regency_combo.typed_text(),
            "district": self.district_combo.typed_text(),
            "village": self.village_combo.typed_text(),
        }

    def set_area(self, code: str | None, *, village_name_free: str | None = None) -> None:
        """Select ``code`` (any level) and its ancestors; deeper levels are left empty."""
        self.blockSignals(True)
        try:
            chain = []
            current = code if code and level_of(code) else None
            while current is not None:
                chain.append(current)
                current = parent_code(current)
            chain.reverse()
            combos = [self.province_combo, self.regency_combo, self.district_combo]
            combos.append(self.village_combo)
            for level, combo in enumerate(combos):
                wanted = chain[level] if level < len(chain) else None
                combo.set_code(wanted)  # not quiet: each choice refills the level below
            if village_name_free and self.free_village():
                self.village_free_edit.setText(village_name_free)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def set_codes(self, values: dict[str, str | None]) -> None:
        deepest = next(
            (
                values.get(key)
                for key in ("village_code", "district_code", "regency_code", "province_code")
                if values.get(key)
            ),
            None,
        )
        self.set_area(deepest, village_name_free=values.get("village_name_free"))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.province_combo,
            self.regency_combo,
            self.district_combo,
            self.village_combo,
        ):
            widget.setEnabled(not read_only)
        self.village_free_edit.setReadOnly(read_only)

    # -- cascade ---------------------------------------------------------------------------
    @Slot(str)
    def _province_changed(self, code: str) -> None:
        items = [(r.code, r.name) for r in self._index.regencies(code)] if code else []
        self.regency_combo.set_items(items)
        self.changed.emit()

    @Slot(str)
    def _regency_changed(self, code: str) -> None:
        items = [(r.code, r.name) for r in self._index.districts(code)] if code else []
        self.district_combo.set_items(_by_name(items))
        self._update_village_mode()
        self.changed.emit()

    @Slot(str)
    def _district_changed(self, code: str) -> None:
        items = [(r.code, r.name) for r in self._index.villages(code)] if code else []
        self.village_combo.set_items(_by_name(items))
        self._update_village_mode()
        self.changed.emit()

    def _update_village_mode(self) -> None:
        regency = self.regency_combo.current_code()
        free = bool(regency) and not self._index.has_villages(regency or "")
        had_focus = self.village_input().hasFocus()
        self.village_stack.setCurrentWidget(self.village_free_edit if free else self.village_combo)
        if had_focus:
            self.village_input().setFocus()

    def _match_village(self, text: str) -> str | None:
        district = self.district_combo.current_code()
        if not district:
            return None
        found = self._index.search_villages(text, limit=1, district_code=district)
        return found[0].code if found else None
