"""Parties on the other side of a voucher: staff, departments/classes, suppliers, donors, office."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import peewee as pw

from app.domain import codes, i18n
from app.domain.codes import PARTY_KINDS, RISK_GROUPS
from app.domain.errors import BadInput
from app.domain.progress import Progress, report_every
from app.services import audit
from app.store.compiled import Keyed
from app.store.database import write_transaction
from app.store.models import Party


def create_party(
    kind: str,
    name: str,
    *,
    staff_no: str | None = None,
    department_id: int | None = None,
    role: str = "",
    risk_group: str | None = None,
    phone: str = "",
) -> Party:
    name = name.strip()
    if kind not in PARTY_KINDS:
        raise BadInput(f"未知的往来方类型 {kind}", f"Unknown party kind {kind}", field="kind")
    if not name:
        raise BadInput("请填写名称", "Enter a name", field="name")
    if risk_group is not None and risk_group not in RISK_GROUPS:
        raise BadInput(
            f"未知的风险等级 {risk_group}", f"Unknown risk group {risk_group}", field="risk_group"
        )
    with write_transaction():
        if staff_no and Party.select().where(Party.staff_no == staff_no).exists():
            raise BadInput(
                f"工号 {staff_no} 已存在", f"Staff number {staff_no} exists", field="staff_no"
            )
        return Party.create(
            kind=kind,
            name=name,
            staff_no=staff_no or None,
            department=department_id,
            role=role,
            risk_group=risk_group,
            phone=phone,
        )


def parties(kind: str | None = None) -> list[Party]:
    q = Party.select().where(Party.active == True)  # noqa: E712
    if kind:
        q = q.where(Party.kind == kind)
    return list(q.order_by(Party.id))


# --- people (staff, departments, classes): search, edit, xlsx import --------------------------


def search_people(
    term: str = "", *, kinds: tuple[str, ...] = ("person", "department"), active_only: bool = True
) -> list[Party]:
    """People and departments whose name, staff number or pinyin initials match (`zs` → 张三)."""
    q = _parties(kinds, active_only)
    if not term.strip():
        return list(q)
    # matched on plain rows first: only the few found are made model objects
    return list(q.where(Party.id.in_(party_ids(term, kinds=kinds, active_only=active_only))))


def _parties(kinds: tuple[str, ...], active_only: bool, *fields: pw.Field) -> pw.Select:
    q = Party.select(*fields).where(Party.kind.in_(list(kinds)))
    if active_only:
        q = q.where(Party.active == True)  # noqa: E712
    return q.order_by(Party.kind.desc(), Party.id)


# ids (and names, staff numbers) of the parties search_people reads; compiled once per key:
# read at each keystroke of a search, peewee's building and converting cost more than SQLite
_PARTY_IDS = Keyed(
    lambda kinds, active_only, names: _parties(
        kinds, active_only, Party.id, *((Party.name, Party.staff_no) if names else ())
    )
)


def party_ids(
    term: str = "", *, kinds: tuple[str, ...] = ("person", "department"), active_only: bool = True
) -> list[int]:
    """The ids of search_people(), in its order (a page reads the rows it shows by party_rows)."""
    if not term.strip():
        return [i for (i,) in _PARTY_IDS(tuple(kinds), active_only, False).rows()]
    # pypinyin reads its dictionaries when imported (0.4 s): on the first search, not when a
    # page that lists suppliers or departments (receiving, reserve) is opened
    from app.domain import pinyin

    q = "".join(term.split()).lower()
    found = []
    for party_id, name, staff_no in _PARTY_IDS(tuple(kinds), active_only, True).rows():
        # A staff number in letters and digits is its own pinyin; looking it up as well would
        # crowd the names out of pinyin's cache, and each search would spell every name again.
        if staff_no and staff_no.isascii():
            hit = q in staff_no.lower().replace(" ", "") or pinyin.matches(term, name)
        else:
            hit = pinyin.matches(term, name, staff_no or "")
        if hit:
            found.append(party_id)
    return found


class PartyRow(NamedTuple):
    """What the people list shows of a person or department."""

    id: int
    kind: str
    name: str
    staff_no: str | None
    department_id: int | None
    department: str  # its name, "" when none
    role: str
    risk_group: str | None
    active: bool


def party_rows(ids: Sequence[int]) -> dict[int, PartyRow]:
    """Party id → its row, with the department's name (one query)."""
    if not ids:
        return {}
    dept = Party.alias()
    q = (
        Party.select(
            Party.id,
            Party.kind,
            Party.name,
            Party.staff_no,
            Party.department,
            dept.name,
            Party.role,
            Party.risk_group,
            Party.active,
        )
        .join(dept, pw.JOIN.LEFT_OUTER, on=(Party.department == dept.id))
        .where(Party.id.in_(list(ids)))
    )
    return {
        r[0]: PartyRow(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6], r[7], bool(r[8]))
        for r in q.tuples()
    }


class Choice(NamedTuple):
    """What a picker shows of a person or department."""

    id: int
    kind: str
    name: str
    staff_no: str | None
    risk_group: str | None


# Active parties of some kinds, in the order search_people gives; compiled once per kinds.
_CHOICES = Keyed(
    lambda kinds: (
        Party.select(Party.id, Party.kind, Party.name, Party.staff_no, Party.risk_group)
        .where(Party.kind.in_(list(kinds)) & (Party.active == True))  # noqa: E712
        .order_by(Party.kind.desc(), Party.id)
    )
)


def choices(term: str = "", *, kinds: tuple[str, ...] = ("person", "department")) -> list[Choice]:
    """search_people() for a picker: the same active parties, as plain rows (thousands of
    staff are read every time a page with a picker opens)."""
    rows = [Choice(*r) for r in _CHOICES(tuple(kinds)).rows()]
    if not term.strip():
        return rows
    from app.domain import pinyin  # see search_people

    return [p for p in rows if pinyin.matches(term, p.name, p.staff_no or "")]


def departments() -> list[Party]:
    return list(
        Party.select()
        .where((Party.kind == "department") & (Party.active == True))  # noqa: E712
        .order_by(Party.id)
    )


def update_person(
    party_id: int,
    *,
    name: str,
    staff_no: str | None,
    department_id: int | None,
    role: str = "",
    risk_group: str | None = None,
    phone: str = "",
    active: bool = True,
) -> Party:
    name = name.strip()
    staff_no = (staff_no or "").strip() or None
    if not name:
        raise BadInput("请填写姓名", "Enter a name", field="name")
    if risk_group is not None and risk_group not in RISK_GROUPS:
        raise BadInput(
            f"未知的风险等级 {risk_group}", f"Unknown risk group {risk_group}", field="risk_group"
        )
    with write_transaction():
        p = Party.get_by_id(party_id)
        if staff_no and (
            Party.select().where((Party.staff_no == staff_no) & (Party.id != party_id)).exists()
        ):
            raise BadInput(
                f"工号 {staff_no} 已存在", f"Staff number {staff_no} exists", field="staff_no"
            )
        p.name, p.staff_no, p.department, p.role = name, staff_no, department_id, role.strip()
        p.risk_group, p.phone, p.active = risk_group, phone.strip(), active
        p.save()
        return p


def set_party_active(party_id: int, active: bool) -> None:
    with write_transaction():
        Party.update(active=active).where(Party.id == party_id).execute()


# Column headings of the people workbook; Chinese or English headings are both read.
IMPORT_COLUMNS = (
    ("staff_no", "工号", "Staff no"),
    ("name", "姓名", "Name"),
    ("department", "部门/班级", "Department"),
    ("role", "岗位", "Role"),
    ("risk_group", "风险等级", "Risk group"),
    ("active", "在岗", "Active"),
)
REQUIRED_COLUMNS = ("staff_no", "name", "department", "risk_group")
_YES = {"是", "在岗", "yes", "y", "true", "1", "active", ""}
_NO = {"否", "离岗", "停用", "no", "n", "false", "0", "inactive"}


@dataclass(frozen=True)
class ImportProblem:
    row: int  # the sheet's row number (1 is the heading)
    column: str
    zh: str
    en: str

    def __str__(self) -> str:
        return i18n.pick(
            f"第 {self.row} 行 {self.column}：{self.zh}", f"Row {self.row} {self.column}: {self.en}"
        )


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def save_template(path: Path) -> Path:
    """An xlsx with the headings (Chinese) and everyone on file, to edit and import back;
    a second sheet says what may be written."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "人员"
    ws.append([zh for _c, zh, _en in IMPORT_COLUMNS])
    dept = departments()
    names = {d.id: d.name for d in Party.select().where(Party.kind == "department")}
    for p in (
        Party.select()
        .where((Party.kind == "person") & Party.staff_no.is_null(False))
        .order_by(Party.staff_no)
    ):
        ws.append(
            [
                p.staff_no,
                p.name,
                names.get(p.department_id, ""),
                p.role,
                codes.names(p.risk_group)[0] if p.risk_group else "",
                "是" if p.active else "否",
            ]
        )
    for col, width in zip("ABCDEF", (10, 12, 14, 12, 12, 8), strict=True):
        ws.column_dimensions[col].width = width
    help_ws = wb.create_sheet("说明")
    help_ws.append(["风险等级可填", "、".join(codes.names(g)[0] for g in RISK_GROUPS)])
    help_ws.append(["部门/班级须已在系统中建立", "、".join(d.name for d in dept)])
    help_ws.append(["工号已存在的人员将被更新，其余新建；任何一行有错，整个文件都不导入"])
    try:
        wb.save(path)
    except OSError as exc:
        raise BadInput(
            f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}", field="file"
        ) from exc
    return path


def _risk_code(text: str) -> str | None:
    t = text.strip()
    for g in RISK_GROUPS:
        if t.lower() in (g, codes.names(g)[0], codes.names(g)[1].lower()):
            return g
    return None


def _read_rows(path: Path) -> tuple[dict[str, int], list[tuple[int, list]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise BadInput(
            f"无法读取 {path.name}：请选择 .xlsx 文件（{exc}）",
            f"Cannot read {path.name}: choose an .xlsx file ({exc})",
            field="file",
        ) from exc
    try:
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()
    if not rows:
        raise BadInput(f"{path.name} 是空的", f"{path.name} is empty", field="file")
    names = {zh: c for c, zh, _en in IMPORT_COLUMNS} | {
        en.lower(): c for c, _zh, en in IMPORT_COLUMNS
    }
    names |= {c: c for c, _zh, _en in IMPORT_COLUMNS}
    heading: dict[str, int] = {}
    for i, cell in enumerate(rows[0]):
        key = str(cell or "").strip()
        col = names.get(key) or names.get(key.lower())
        if col:
            heading[col] = i
    body = [
        (n, list(r))
        for n, r in enumerate(rows[1:], start=2)
        if any(str(c or "").strip() for c in r)
    ]
    return heading, body


def check_import(
    path: Path, progress: Progress | None = None
) -> tuple[list[dict], list[ImportProblem]]:
    """Read and check every row; returns the clean rows and the problems (row numbers)."""
    heading, body = _read_rows(Path(path))
    tick = report_every(progress, 50)
    text = i18n.pick("检查人员表", "Checking the people sheet")
    problems: list[ImportProblem] = []
    label = {c: zh if i18n.language() == "zh_CN" else en for c, zh, en in IMPORT_COLUMNS}
    for col in REQUIRED_COLUMNS:
        if col not in heading:
            problems.append(ImportProblem(1, label[col], "缺少这一列", "this column is missing"))
    if problems:
        return [], problems
    depts = {d.name: d.id for d in Party.select().where(Party.kind == "department")}
    seen: dict[str, int] = {}
    clean = []
    for done, (n, r) in enumerate(body, start=1):
        tick(done, len(body), text)

        def cell(col: str, r: list = r) -> str:
            i = heading.get(col)
            v = r[i] if i is not None and i < len(r) else None
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            return str(v).strip() if v is not None else ""

        row = {c: cell(c) for c, _zh, _en in IMPORT_COLUMNS}
        for col in REQUIRED_COLUMNS:
            if not row[col]:
                problems.append(ImportProblem(n, label[col], "不能为空", "is empty"))
        if row["staff_no"]:
            if row["staff_no"] in seen:
                problems.append(
                    ImportProblem(
                        n,
                        label["staff_no"],
                        f"工号 {row['staff_no']} 与第 {seen[row['staff_no']]} 行重复",
                        f"staff number {row['staff_no']} repeats row {seen[row['staff_no']]}",
                    )
                )
            seen.setdefault(row["staff_no"], n)
        if row["department"] and row["department"] not in depts:
            problems.append(
                ImportProblem(
                    n,
                    label["department"],
                    f"没有名为“{row['department']}”的部门或班级",
                    f"no department or class named '{row['department']}'",
                )
            )
        risk = _risk_code(row["risk_group"]) if row["risk_group"] else None
        if row["risk_group"] and risk is None:
            problems.append(
                ImportProblem(
                    n,
                    label["risk_group"],
                    f"未知的风险等级“{row['risk_group']}”",
                    f"unknown risk group '{row['risk_group']}'",
                )
            )
        active = row["active"].lower()
        if active not in _YES and active not in _NO:
            problems.append(ImportProblem(n, label["active"], "请填“是”或“否”", "write yes or no"))
        clean.append(
            {
                "row": n,
                "staff_no": row["staff_no"],
                "name": row["name"],
                "department_id": depts.get(row["department"]),
                "role": row["role"],
                "risk_group": risk,
                "active": active not in _NO,
            }
        )
    if not body:
        problems.append(ImportProblem(2, label["name"], "文件中没有人员", "the file lists nobody"))
    return ([] if problems else clean), problems


def import_people(
    path: Path, *, by: int | None = None, progress: Progress | None = None
) -> ImportResult:
    """Create or update people from an xlsx; nothing is imported unless every row is clean.

    A Cancelled raised by `progress` rolls the whole import back.
    """
    rows, problems = check_import(path, progress)
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        raise BadInput(
            "文件有错误，未导入任何人员：\n"
            + "\n".join(f"第 {p.row} 行 {p.column}：{p.zh}" for p in shown)
            + (f"\n…… 另有 {more} 处" if more else ""),
            "The file has problems; nobody was imported:\n"
            + "\n".join(f"Row {p.row} {p.column}: {p.en}" for p in shown)
            + (f"\n… and {more} more" if more else ""),
            field="file",
            problems=problems,
        )
    created = updated = 0
    tick = report_every(progress, 50)
    text = i18n.pick("写入人员", "Saving the people")
    with write_transaction():
        for done, r in enumerate(rows, start=1):
            tick(done, len(rows), text)
            p = Party.get_or_none(Party.staff_no == r["staff_no"])
            fields = {
                "name": r["name"],
                "department": r["department_id"],
                "role": r["role"],
                "risk_group": r["risk_group"],
                "active": r["active"],
            }
            if p is None:
                Party.create(kind="person", staff_no=r["staff_no"], **fields)
                created += 1
            else:
                if p.kind != "person":
                    raise BadInput(
                        f"第 {r['row']} 行：工号 {r['staff_no']} 属于 {p.name}，不是人员",
                        f"Row {r['row']}: staff number {r['staff_no']} belongs to {p.name}",
                        field="file",
                    )
                Party.update(**fields).where(Party.id == p.id).execute()
                updated += 1
        audit.record(
            "people.import",
            {"file": Path(path).name, "created": created, "updated": updated},
            by=by,
        )
    return ImportResult(created, updated)
