"""Reads the ORM writes once and a hot path runs many times with other values.

Building a query's SQL is most of the Python a one-row lookup costs: for a department's verify
of a Member ID (api.services.authenticate, api.v1.selectors.member_status_for_client) the
ORM's cloning, joining and compiling was more than its queries' own time (cProfile of
``bench/api_verify.py``'s requests in one process). A ``PreparedQuery`` asks the ORM for the
SQL once per database, with marks where the values go, remembers the compiler's converters
(what turns a database's text, integers and JSON into dates, booleans and lists, as the ORM
would), and then only executes it. What it runs is what the ORM wrote: the same columns, joins,
quoting and routing (the database is chosen per call by the routers, as any read is).
"""

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import Field, Model, QuerySet


class _Mark(str):
    """A value that stands for the n-th argument while the ORM writes the SQL."""

    __slots__ = ("slot",)
    slot: int


def _mark(index: int) -> _Mark:
    mark = _Mark(f"\x1fprepared-{index}\x1f")
    mark.slot = index
    return mark


class PreparedQuery:
    """``build(*marks)`` returns the queryset (a ``values_list``) whose filters take the call's
    values: ``rows(*values)`` runs it with them. Only text values can be marked (a mark is a
    string the ORM passes through to the parameters as it is)."""

    def __init__(self, model: type[Model], arity: int, build: Callable[..., QuerySet[Any]]):
        self.model = model
        self.arity = arity
        self.build = build
        # Per connection (each thread has its own): the compiler and its converters hold it.
        self._compiled: WeakKeyDictionary[Any, tuple[str, list[tuple[bool, Any]], Any, Any]]
        self._compiled = WeakKeyDictionary()

    def _compile(self, alias: str) -> tuple[str, list[tuple[bool, Any]], Any, Any]:
        marks = [_mark(i) for i in range(self.arity)]
        compiler = self.build(*marks).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = [(True, p.slot) if isinstance(p, _Mark) else (False, p) for p in params]
        if sorted(i for marked, i in slots if marked) != list(range(self.arity)):
            raise ValueError("each mark must reach the SQL's parameters once, as it is")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        compiled = (sql, slots, compiler, compiler.get_converters(fields))
        self._compiled[connections[alias]] = compiled
        return compiled

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows of the query with ``values`` in place of the marks, converted as the ORM
        converts them."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        sql, slots, compiler, converters = self._compiled.get(connection) or self._compile(alias)
        params = [values[value] if marked else value for marked, value in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            return [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return [tuple(row) for row in rows]


class PreparedInsert:
    """One row's INSERT into ``model``'s table, written by the ORM once per database (its
    InsertQuery of ``fields``), run with the row's values prepared as the ORM prepares them
    (``Field.get_db_prep_save``). No model instance, no signals: for rows that are written and
    never read back by the writer (a log)."""

    def __init__(self, model: type[Model], fields: list[str]):
        self.model = model
        self.fields: list[Field[Any, Any]] = []
        for name in fields:
            field = model._meta.get_field(name)
            if not isinstance(field, Field):
                raise TypeError(f"{name} is not a column of {model.__name__}")
            self.fields.append(field)
        self._sql: WeakKeyDictionary[Any, str] = WeakKeyDictionary()

    def _compile(self, connection: Any) -> str:
        from django.db.models.sql import InsertQuery

        query = InsertQuery(self.model)
        query.insert_values(self.fields, [self.model()])
        sql, _params = query.get_compiler(connection=connection).as_sql()[0]
        self._sql[connection] = sql
        return sql

    def insert(self, **values: Any) -> None:
        connection = connections[router.db_for_write(self.model)]
        sql = self._sql.get(connection) or self._compile(connection)
        params = [
            field.get_db_prep_save(values[field.attname], connection=connection)
            for field in self.fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
