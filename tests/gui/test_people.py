"""The people list is a paged view: search, show inactive, choose a person into the form, save,
new person, language change — driven through the real page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.models.paged_table import PagedTableModel
from app.gui.pages.people import PeopleTab
from app.services import people
from app.store.models import Party
from tests.gui.conftest import Books


def _tab(window: MainWindow) -> PeopleTab:
    tab = window.show_page("people").people_tab
    cls = Party.get(Party.name == "大一班").id
    people.create_party("person", "张三", staff_no="T001", department_id=cls, risk_group="low")
    people.set_party_active(people.create_party("person", "李四", staff_no="T002").id, False)
    tab.refresh()
    return tab


def _names(tab: PeopleTab) -> list[str]:
    return [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]


def _choose(tab: PeopleTab, name: str) -> None:
    tab.table.selectRow(_names(tab).index(name))


def test_the_list_searches_and_shows_inactive_people(
    qtbot: QtBot, window: MainWindow, books: Books, qtmodeltester: ModelTester
) -> None:
    tab = _tab(window)
    assert isinstance(tab.model, PagedTableModel)
    qtmodeltester.check(tab.model)
    assert _names(tab) == ["王玥", "张三", "大一班"]  # people, then departments
    row = [tab.model.index(1, c).data() for c in range(tab.model.columnCount())]
    assert row == ["T001", "张三", "人员", "大一班", "", "低风险", "是"]
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "工号"
    for term, found in (("zs", ["张三"]), ("T00", ["张三"]), ("大一", ["大一班"]), ("x", [])):
        tab.search.setText(term)
        assert _names(tab) == found, term
    tab.search.setText("T00")
    tab.inactive.setChecked(True)
    assert _names(tab) == ["张三", "李四"]
    assert tab.model.index(1, 6).data() == "否"
    tab.search.clear()
    assert _names(tab) == ["王玥", "张三", "李四", "大一班"]


def test_choosing_a_person_fills_the_form_and_saving_updates_the_row(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    tab = _tab(window)
    _choose(tab, "张三")
    zhang = Party.get(Party.name == "张三")
    assert tab.party_id == zhang.id
    assert (tab.name.text(), tab.staff_no.text()) == ("张三", "T001")
    assert tab.department.currentData() == zhang.department_id
    assert tab.risk.currentData() == "low" and tab.active.isChecked()
    tab.role.setText("保育员")
    tab.risk.setCurrentIndex(tab.risk.findData("high"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert Party.get_by_id(zhang.id).role == "保育员"
    row = _names(tab).index("张三")
    assert tab.table.currentIndex().row() == row  # still chosen after the list is read again
    assert tab.model.index(row, 4).data() == "保育员"
    assert tab.model.index(row, 5).data() == "高风险"


def test_a_search_keeps_the_form_being_edited(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    tab = _tab(window)
    _choose(tab, "张三")
    tab.role.setText("not saved yet")
    tab.search.setText("zs")
    assert tab.table.currentIndex().row() == 0  # shown chosen where the list now has it
    tab.search.clear()
    assert tab.model.index(tab.table.currentIndex().row(), 1).data() == "张三"
    assert tab.role.text() == "not saved yet"
    _choose(tab, "王玥")
    assert tab.name.text() == "王玥" and tab.role.text() == ""


def test_a_new_person_is_saved_once_and_chosen(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    tab = _tab(window)
    _choose(tab, "张三")
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.party_id is None and tab.name.text() == ""
    assert not tab.table.selectionModel().hasSelection()
    tab.name.setText("赵六")
    tab.staff_no.setText("T009")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    zhao = Party.get(Party.name == "赵六")
    assert tab.party_id == zhao.id
    assert tab.model.index(tab.table.currentIndex().row(), 0).data() == "T009"
    tab.role.setText("厨师")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)  # updates, not a second 赵六
    assert Party.select().where(Party.name == "赵六").count() == 1
    assert Party.get_by_id(zhao.id).role == "厨师"
    assert not tab.general.isVisible()


def test_the_list_and_form_follow_the_language(
    qtbot: QtBot, window: MainWindow, books: Books
) -> None:
    from app.gui import translation

    tab = _tab(window)
    _choose(tab, "张三")
    try:
        translation.apply_language("en")
        assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "Staff no."
        row = _names(tab).index("张三")
        assert tab.model.index(row, 5).data() == "low risk"
        assert tab.model.index(row, 6).data() == "yes"
        assert tab.risk.currentData() == "low"  # the form keeps its choice
        assert tab.risk.currentText() == "low risk"
    finally:
        translation.apply_language("zh_CN")
    assert tab.model.index(row, 6).data() == "是"
    assert tab.risk.currentData() == "low"
