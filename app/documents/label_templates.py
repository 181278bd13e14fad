"""Label templates: the sheet model of gLabels (page, label size, origin, pitch, grid) in mm.

The shipped templates are TOML files in resources/labels/ (see its README.md); templates the user
adds in the app are the same dictionary kept in the database. Both go through `from_dict`, so a
bad file and a bad form entry get the same clear message.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app import paths
from app.domain import i18n
from app.domain.errors import BadInput, NotFound

KINDS = ("sheet", "roll")
# Fields a label may show besides its slot code, which every label carries.
FIELDS = ("name", "spec", "batch", "expiry", "hazard", "qr", "barcode")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
MIN_LABEL = (25.0, 18.0)  # mm: room for a 15 mm QR code with margins
MAX_PAGE = 1000.0
_TOLERANCE = 0.05  # mm: rounding in published geometry


@dataclass(frozen=True)
class LabelTemplate:
    name: str
    title: str
    title_zh: str
    kind: str  # sheet or roll
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    radius: float
    x0: float
    y0: float
    dx: float
    dy: float
    columns: int
    rows: int
    fields: tuple[str, ...]
    custom: bool = False

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def display_title(self) -> str:
        return i18n.pick(self.title_zh or self.title, self.title or self.title_zh)

    def size_text(self) -> str:
        return f"{_num(self.label_width)}x{_num(self.label_height)} mm"

    def kind_text(self) -> str:
        """'roll', or 'sheet 3x8 210x297 mm' — what --list-templates prints after the size."""
        if self.kind == "roll":
            return "roll"
        page = f"{_num(self.page_width)}x{_num(self.page_height)} mm"
        return f"sheet {self.columns}x{self.rows} {page}"

    def position(self, index: int) -> tuple[int, float, float]:
        """Page number (from 0) and top-left corner (mm from the page's top-left) of label `index`.

        Labels are counted across, then down, as on the sheet.
        """
        page, n = divmod(index, self.per_page)
        row, col = divmod(n, self.columns)
        return page, self.x0 + col * self.dx, self.y0 + row * self.dy

    def pages_for(self, labels: int, skip: int = 0) -> int:
        return math.ceil((labels + skip) / self.per_page) if labels else 0

    def to_dict(self) -> dict[str, Any]:
        """The file/database form that `from_dict` reads back."""
        return {
            "name": self.name,
            "title": self.title,
            "title_zh": self.title_zh,
            "kind": self.kind,
            "fields": list(self.fields),
            "page": {"width": self.page_width, "height": self.page_height},
            "label": {
                "width": self.label_width,
                "height": self.label_height,
                "radius": self.radius,
            },
            "layout": {
                "x0": self.x0,
                "y0": self.y0,
                "dx": self.dx,
                "dy": self.dy,
                "columns": self.columns,
                "rows": self.rows,
            },
        }


def _num(value: float) -> str:
    return f"{value:g}"


class _Reader:
    """Reads one template dictionary, naming the file and the key in every complaint."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, zh: str, en: str) -> BadInput:
        return BadInput(
            f"标签模板 {self.where}：{key} {zh}",
            f"Label template {self.where}: {key} {en}",
            field=key,
        )

    def section(self, name: str, required: bool = True) -> dict[str, Any]:
        value = self.data.get(name)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"[{name}]", "缺失或不是一个表", "is missing or not a table")
        return value

    def number(
        self,
        section: dict[str, Any],
        sect: str,
        key: str,
        *,
        minimum: float = 0.0,
        default: float | None = None,
        positive: bool = True,
    ) -> float:
        value = section.get(key, default)
        name = f"{sect}.{key}"
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise self.fail(name, "应为毫米数", "must be a number of millimetres")
        value = float(value)
        if positive and value <= 0 or value < minimum or value > MAX_PAGE:
            limit = f"> {_num(minimum)}" if positive and minimum == 0 else f">= {_num(minimum)}"
            raise self.fail(
                name,
                f"应 {limit} 且不超过 {_num(MAX_PAGE)} 毫米（现为 {_num(value)}）",
                f"must be {limit} and at most {_num(MAX_PAGE)} mm (it is {_num(value)})",
            )
        return value

    def count(self, section: dict[str, Any], sect: str, key: str, default: int | None) -> int:
        value = section.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise self.fail(
                f"{sect}.{key}", "应为 1 到 100 的整数", "must be a whole number 1 to 100"
            )
        return value

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "应为文字", "must be text")
        return value.strip()


def from_dict(data: dict[str, Any], where: str = "", *, custom: bool = False) -> LabelTemplate:
    """A validated template; BadInput naming `where` (file or template name) and the bad key."""
    r = _Reader(data, where or str(data.get("name", "?")))
    name = r.text("name")
    if not NAME_RE.match(name):
        raise r.fail(
            "name",
            "只能用小写字母、数字和 - _ .（最多 40 位），例如 roll-50x30",
            "uses lower-case letters, digits and - _ . (40 at most), e.g. roll-50x30",
        )
    r.where = where or name
    kind = r.text("kind", "sheet")
    if kind not in KINDS:
        raise r.fail("kind", f"应为 {' 或 '.join(KINDS)}", f"must be {' or '.join(KINDS)}")
    fields = data.get("fields", list(FIELDS))
    if not isinstance(fields, list) or any(f not in FIELDS for f in fields):
        raise r.fail(
            "fields", f"只能包含 {', '.join(FIELDS)}", f"may hold only {', '.join(FIELDS)}"
        )
    label = r.section("label")
    w = r.number(label, "label", "width", minimum=MIN_LABEL[0])
    h = r.number(label, "label", "height", minimum=MIN_LABEL[1])
    radius = r.number(label, "label", "radius", default=0.0, positive=False)
    if radius > min(w, h) / 2:
        raise r.fail(
            "label.radius", "不能超过标签短边的一半", "cannot exceed half the label's shorter side"
        )
    page = r.section("page", required=kind == "sheet")
    layout = r.section("layout", required=kind == "sheet")
    pw_ = r.number(page, "page", "width", default=w)
    ph = r.number(page, "page", "height", default=h)
    x0 = r.number(layout, "layout", "x0", default=0.0, positive=False)
    y0 = r.number(layout, "layout", "y0", default=0.0, positive=False)
    cols = r.count(layout, "layout", "columns", 1)
    rows = r.count(layout, "layout", "rows", 1)
    dx = r.number(layout, "layout", "dx", default=w) if cols > 1 else float(layout.get("dx", w))
    dy = r.number(layout, "layout", "dy", default=h) if rows > 1 else float(layout.get("dy", h))
    if cols > 1 and dx < w - _TOLERANCE:
        raise r.fail(
            "layout.dx",
            "小于标签宽度：标签会重叠",
            "is less than the label width: labels would overlap",
        )
    if rows > 1 and dy < h - _TOLERANCE:
        raise r.fail(
            "layout.dy",
            "小于标签高度：标签会重叠",
            "is less than the label height: labels would overlap",
        )
    right = x0 + (cols - 1) * dx + w
    bottom = y0 + (rows - 1) * dy + h
    if right > pw_ + _TOLERANCE:
        raise r.fail(
            "layout.columns",
            f"标签超出页面右边（{_num(right)} > {_num(pw_)} 毫米）",
            f"puts labels past the right edge of the page ({_num(right)} > {_num(pw_)} mm)",
        )
    if bottom > ph + _TOLERANCE:
        raise r.fail(
            "layout.rows",
            f"标签超出页面下边（{_num(bottom)} > {_num(ph)} 毫米）",
            f"puts labels past the bottom of the page ({_num(bottom)} > {_num(ph)} mm)",
        )
    title = r.text("title") or f"{name} {_num(w)}×{_num(h)} mm"
    return LabelTemplate(
        name=name,
        title=title,
        title_zh=r.text("title_zh") or title,
        kind=kind,
        page_width=pw_,
        page_height=ph,
        label_width=w,
        label_height=h,
        radius=radius,
        x0=x0,
        y0=y0,
        dx=dx,
        dy=dy,
        columns=cols,
        rows=rows,
        fields=tuple(f for f in FIELDS if f in fields),
        custom=custom,
    )


def load_file(path: Path) -> LabelTemplate:
    """One template file; BadInput (naming the file) when it cannot be read or is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadInput(
            f"无法读取标签模板 {path.name}：{exc}",
            f"Cannot read label template {path.name}: {exc}",
            field="template",
        ) from exc
    template = from_dict(data, path.name)
    if template.name != path.stem:
        raise BadInput(
            f"标签模板 {path.name}：name 应与文件名一致（{path.stem}）",
            f"Label template {path.name}: name must match the file name ({path.stem})",
            field="name",
        )
    return template


def templates_dir() -> Path:
    return paths.resources_dir() / "labels"


@cache
def _builtin(folder: Path) -> tuple[LabelTemplate, ...]:
    return tuple(load_file(p) for p in sorted(folder.glob("*.toml")))


def builtin_templates(folder: Path | None = None) -> list[LabelTemplate]:
    """The shipped templates, sheets first, then rolls by size."""
    found = _builtin(folder or templates_dir())
    return sorted(found, key=lambda t: (KINDS.index(t.kind), t.label_width, t.label_height, t.name))


def find(name: str, available: list[LabelTemplate]) -> LabelTemplate:
    for t in available:
        if t.name == name:
            return t
    names = ", ".join(t.name for t in available)
    raise NotFound(
        f"没有名为 {name} 的标签模板；可选：{names}",
        f"No label template named {name}; choose from: {names}",
        field="template",
    )
