"""Pick a person or department by typing a name, staff number or pinyin initials (`zs` → 张三)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from app.domain import codes
from app.services import people


class PersonPicker(QWidget):
    """A search box and the matching people/departments; emits `changed` with the party id."""

    changed = Signal(object)  # party id or None

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        kinds: tuple[str, ...] = ("person", "department"),
    ) -> None:
        super().__init__(parent)
        self.kinds = kinds
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(140)
        self.combo = QComboBox(self)
        self.combo.setMinimumWidth(220)
        # Sized by a few characters, not by measuring thousands of names each time it is laid out.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.combo, 1)
        self._connect_signals()
        self._retranslate()
        self.reload()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_textChanged)
        self.combo.currentIndexChanged.connect(self._on_combo_currentIndexChanged)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Name, no. or pinyin"))
        self.search.setToolTip(self.tr("Type a name, a staff number or pinyin initials (zs)"))

    def reload(self) -> None:
        keep = self.party_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        for p in people.choices(self.search.text(), kinds=self.kinds):
            extra = p.staff_no or codes.label(p.kind)
            risk = f" · {codes.label(p.risk_group)}" if p.risk_group else ""
            self.combo.addItem(f"{p.name}（{extra}{risk}）", p.id)
        if keep is not None:
            index = self.combo.findData(keep)
            if index >= 0:
                self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        if self.party_id() != keep:
            self.changed.emit(self.party_id())

    def party_id(self) -> int | None:
        value = self.combo.currentData()
        return value if isinstance(value, int) else None

    def set_party(self, party_id: int | None) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload()
        index = self.combo.findData(party_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def _on_search_textChanged(self, _text: str) -> None:
        self.reload()

    def _on_combo_currentIndexChanged(self, _index: int) -> None:
        self.changed.emit(self.party_id())
