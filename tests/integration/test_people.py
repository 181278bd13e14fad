"""People search for the paged list: `party_ids` finds what `search_people` finds, in its order,
and `party_rows` reads a page of rows with the department's name in one query."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain import pinyin
from app.services import people
from app.store.models import Party

TERMS = (
    "",
    "  ",
    "zs",  # 张三 by initials
    "zhangsan",  # by full pinyin
    "z s",  # spaces in what is typed are dropped
    "王",
    "xyb",  # 小一班, a department
    "YG",
    "yg007",  # "YG 007": spaces in the staff number are dropped too
    "g 00",  # YG001 and YG 007
    "护",  # a staff number that is not letters and digits is read by its pinyin
    "hu0",
    "h001",
    "ab12",
    "anna",
    "nal",  # "Anna Lee" by the initials pinyin gives a Latin name
    "zzz",
)


@pytest.fixture
def staff(books: Path) -> dict[str, int]:
    cls = people.create_party("department", "小一班").id
    made = {
        "小一班": cls,
        "张三": people.create_party("person", "张三", staff_no="YG001", department_id=cls).id,
        "王玥": people.create_party(
            "person", "王玥", staff_no="YG 007", department_id=cls, risk_group="high"
        ).id,
        "李四": people.create_party("person", "李四", staff_no="护001").id,
        "Anna Lee": people.create_party("person", "Anna Lee", staff_no="ab12").id,
        "赵六": people.create_party("person", "赵六").id,
        "康安": people.create_party("supplier", "康安医疗器械有限公司").id,
    }
    made["张三丰"] = people.create_party("person", "张三丰", staff_no="YG009").id
    people.set_party_active(made["张三丰"], False)
    return made


def _reference(term: str, kinds: tuple[str, ...], active_only: bool) -> list[int]:
    """What search_people gave before the list was paged: every model, matched one by one."""
    q = Party.select().where(Party.kind.in_(list(kinds))).order_by(Party.kind.desc(), Party.id)
    if active_only:
        q = q.where(Party.active == True)  # noqa: E712
    return [p.id for p in q if pinyin.matches(term, p.name, p.staff_no or "")]


@pytest.mark.parametrize("active_only", [True, False])
@pytest.mark.parametrize("kinds", [("person", "department"), ("person",)])
def test_party_ids_and_search_people_find_what_matching_every_party_finds(
    staff: dict[str, int], kinds: tuple[str, ...], active_only: bool
) -> None:
    for term in TERMS:
        want = _reference(term, kinds, active_only)
        assert people.party_ids(term, kinds=kinds, active_only=active_only) == want, term
        found = people.search_people(term, kinds=kinds, active_only=active_only)
        assert all(isinstance(p, Party) for p in found)
        assert [p.id for p in found] == want, term


def test_the_terms_find_whom_they_should(staff: dict[str, int]) -> None:
    def names(term: str, active_only: bool = True) -> set[str]:
        by_id = {v: k for k, v in staff.items()}
        return {by_id[i] for i in people.party_ids(term, active_only=active_only)}

    assert names("zs") == {"张三"}
    assert names("zs", active_only=False) == {"张三", "张三丰"}
    assert names("yg007") == names("g 007") == {"王玥"}
    assert names("hu0") == names("护") == {"李四"}
    assert names("nal") == {"Anna Lee"}
    assert names("xyb") == {"小一班"}
    assert names("zzz") == set()
    assert staff["康安"] not in people.party_ids()  # suppliers are not people


def test_party_rows_read_a_page_with_the_department_in_one_query(
    staff: dict[str, int], count_queries: Callable[[], list[str]]
) -> None:
    ids = people.party_ids(active_only=False)
    seen = count_queries()
    rows = people.party_rows(ids)
    assert len(seen) == 1
    assert set(rows) == set(ids)
    wang = rows[staff["王玥"]]
    assert (wang.name, wang.staff_no, wang.kind) == ("王玥", "YG 007", "person")
    assert (wang.department_id, wang.department) == (staff["小一班"], "小一班")
    assert wang.risk_group == "high" and wang.active is True
    assert rows[staff["赵六"]].department == "" and rows[staff["赵六"]].staff_no is None
    assert rows[staff["张三丰"]].active is False
    assert rows[staff["小一班"]].kind == "department"
    assert people.party_rows([]) == {}
