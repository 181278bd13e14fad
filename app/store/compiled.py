"""Hot statements: peewee queries compiled once to SQL for the bound database, then run again.

Peewee builds the SQL text of a query anew on every call; for the few statements the posting path
and `verify` run hundreds of thousands of times, building the text costs ten times more than
SQLite takes to run it. A `Statement` is written with peewee as usual, with `Param("name")` where
a value goes; peewee turns it into SQL for whichever database is bound (so the SQL stays
portable), once, and each run only binds the values. Values are passed as the database stores
them: ids and numbers as they are, dates as ISO text (`date.isoformat()`, `str(datetime)`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import peewee as pw

from app.store.database import db

_wrap_errors = pw.__exception_wrapper__  # peewee's sqlite3 → peewee error mapping


class _Slot:
    """Stands in the compiled parameter list for a value given at run time."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Param(pw.Node):
    """A placeholder in a Statement, filled by name when it runs."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __sql__(self, ctx: pw.Context) -> pw.Context:
        # converter=False: the value is bound as given, not passed through a field's db_value.
        return ctx.value(_Slot(self.name), converter=False)


class Statement:
    """A query built by `build()` with Params, compiled for the bound database on first use."""

    def __init__(self, build: Callable[[], pw.Query]) -> None:
        self._build = build
        self._database: object | None = None
        self._sql = ""
        self._values: list[Any] = []
        self._fields: list[tuple[str, Callable[[Any], Any], type | None]] | None = None

    def _compiled(self) -> tuple[str, list[Any]]:
        if self._database is not db.obj:  # another file was opened (tests open many)
            self._sql, self._values = self._build().sql()
            self._database = db.obj
        return self._sql, self._values

    def _bind(self, params: Mapping[str, Any]) -> list[Any]:
        return [params[v.name] if isinstance(v, _Slot) else v for v in self._compiled()[1]]

    def execute(self, **params: Any) -> Any:
        """Run once; returns the cursor (fetchall() for rows, rowcount, lastrowid)."""
        return db.execute_sql(self._compiled()[0], self._bind(params))

    def rows(self, **params: Any) -> list[tuple]:
        return self.execute(**params).fetchall()

    def models(self, model: type[pw.Model], **params: Any) -> list[Any]:
        """Rows as `model` instances, each value converted by its field as peewee's own select
        does (for a select of columns of `model` only)."""
        return list(self.iter_models(model, **params))

    def iter_models(self, model: type[pw.Model], **params: Any) -> Iterator[Any]:
        """models(), a few thousand rows at a time (long reads that need not sit in memory)."""
        if self._fields is None or self._database is not db.obj:
            query = self._build()
            fields = [c for c in query._returning if isinstance(c, pw.Field)]
            if len(fields) != len(query._returning) or any(f.model is not model for f in fields):
                raise ValueError("Statement.models() needs a select of the model's own fields")
            self._fields = [(f.name, f.python_value, _native(f)) for f in fields]
        fields = self._fields
        cursor = self.execute(**params)
        while rows := cursor.fetchmany(2000):
            for row in rows:
                obj = model(__no_default__=1)
                obj.__data__ = {
                    name: (v if v is None or type(v) is native else convert(v))
                    for (name, convert, native), v in zip(fields, row, strict=True)
                }
                yield obj

    def scalar(self, **params: Any) -> Any:
        row = self.execute(**params).fetchone()
        return row[0] if row else None

    def execute_many(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Run for every mapping of `rows` (one executemany: inserts of many lines)."""
        sql, values = self._compiled()
        names = [v.name if isinstance(v, _Slot) else None for v in values]
        args = [
            [row[n] if n is not None else v for n, v in zip(names, values, strict=True)]
            for row in rows
        ]
        if not args:
            return
        with _wrap_errors:
            db.cursor().executemany(sql, args)


def insert(model: type[pw.Model], fields: Sequence[pw.Field]) -> Statement:
    """INSERT of one row with a Param named after each field (its `name`, e.g. 'voucher').

    A default left out would be compiled in once, so a field whose default is computed (a
    timestamp) must be among `fields`.
    """
    for field, default in model._meta.defaults.items():
        if callable(default) and field not in fields:
            raise ValueError(f"{model.__name__}.{field.name} has a computed default; pass it")
    return Statement(lambda: model.insert({f: Param(f.name) for f in fields}))


def _fields_of(model: type[pw.Model]) -> list[pw.Field]:
    pk = model._meta.primary_key
    return [f for f in model._meta.sorted_fields if not (f is pk and isinstance(f, pw.AutoField))]


_CREATE: dict[type[pw.Model], Statement] = {}


def create(model: type[pw.Model], **values: Any) -> Any:
    """Model.create(), compiled once per model: every column is written (defaults filled in
    here, as peewee does), and the new row's id is set on the returned instance."""
    obj = model(**values)
    fields = _fields_of(model)
    stmt = _CREATE.get(model)
    if stmt is None:
        stmt = _CREATE[model] = Statement(lambda: model.insert({f: Param(f.name) for f in fields}))
    cursor = stmt.execute(**{f.name: f.db_value(obj.__data__.get(f.name)) for f in fields})
    # peewee adds RETURNING where the database has it (PostgreSQL); SQLite gives lastrowid.
    obj._pk = cursor.fetchone()[0] if db.obj.returning_clause else cursor.lastrowid
    obj._dirty.clear()
    return obj


class Keyed:
    """Statements whose shape depends on a small key (how many values an IN list has, which
    optional conditions apply): `build(*key)` makes the query, compiled once per key."""

    def __init__(self, build: Callable[..., pw.Query]) -> None:
        self._build = build
        self._by_key: dict[tuple, Statement] = {}

    def __call__(self, *key: Any) -> Statement:
        stmt = self._by_key.get(key)
        if stmt is None:
            stmt = self._by_key[key] = Statement(lambda: self._build(*key))
        return stmt


class Grouped(Keyed):
    """A statement with one IN list, compiled once per list length (`build(n)` gets it).

    Values go in as `in0`, `in1`, … (made by `in_params`) plus any other named params.
    """

    def rows(self, ids: Sequence[Any], **params: Any) -> list[tuple]:
        if not ids:
            return []
        return self(len(ids)).rows(**params, **in_values(ids))

    def models(self, model: type[pw.Model], ids: Sequence[Any], **params: Any) -> list[Any]:
        if not ids:
            return []
        return self(len(ids)).models(model, **params, **in_values(ids))


def in_params(n: int, prefix: str = "in") -> list[Param]:
    """The placeholders of an IN list of `n` values."""
    return [Param(f"{prefix}{i}") for i in range(n)]


def in_values(values: Sequence[Any], prefix: str = "in") -> dict[str, Any]:
    """The values for an IN list made by in_params(len(values), prefix)."""
    return {f"{prefix}{i}": v for i, v in enumerate(values)}


def _native(field: pw.Field) -> type | None:
    """The type SQLite returns for `field` that its python_value gives back unchanged (ints of
    integer and foreign-key fields, text of text fields): such values need no call to convert,
    and there are a million of them in a long read. None when every value is converted."""
    if isinstance(field, pw.ForeignKeyField):
        field = field.rel_field
    kind = type(field)
    if kind.python_value is not pw.Field.python_value:
        return None
    if kind.adapt is pw.IntegerField.adapt:
        return int
    if kind.adapt is pw._StringField.adapt:  # noqa: SLF001 - peewee's own text adapter
        return str
    return None
