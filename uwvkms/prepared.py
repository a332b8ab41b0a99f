"""A query compiled to SQL once per process and database, then run with another value.

Some queries run on every request and cost more to build than to run: the one that loads a user's
roles with every app's badge facts (`User.has_role`) is eight correlated subqueries, about 4.5 ms
of the ORM compiling SQL against 0.3 ms of the database answering it. `PreparedQuery` compiles
such a query once (per database alias), remembers where in its parameters the varying value
sits, and from then on runs the stored SQL with that value put in, converting each column as the
ORM would (booleans and dates on SQLite).

`build(value)` must return the same query for every value but for that one value, an integer key
compared as it is (`filter(pk=value)`: not a LIMIT, an IN list whose length varies or a lookup
that transforms it). The compilation checks this: it builds the query for two different values
and refuses if anything but those parameters differs. What the query reads from the moment it is
compiled (the active time zone and language) is part of the cache key."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils import timezone, translation

# Two values a key never takes (primary keys start at 1): where they appear in the parameters of
# the two compilations is where the real value goes.
_PROBES = (-7_000_001, -7_000_002)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    positions: tuple[int, ...]
    columns: tuple[tuple[str, Any], ...]  # (alias, expression) per selected column


class PreparedQuery:
    """`build(value) -> QuerySet`, compiled once per database; `rows(value)` runs it."""

    def __init__(self, build: Callable[[Any], QuerySet]):
        self._build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def queryset(self, value) -> QuerySet:
        """The same query through the ORM (what `rows` must equal)."""
        return self._build(value)

    def rows(self, value, *, using: str = DEFAULT_DB_ALIAS) -> list[dict[str, Any]]:
        """The query's rows for `value`, each a dict by column alias, converted as the ORM
        converts them."""
        if not isinstance(value, int) or isinstance(value, bool):
            # The ORM would prepare another type through its field (None becomes IS NULL).
            raise TypeError(f"A prepared query takes an integer key, not {value!r}.")
        key = (using, timezone.get_current_timezone_name(), translation.get_language())
        compiled = self._compiled.get(key) or self._compile(key)
        params = list(compiled.params)
        for position in compiled.positions:
            params[position] = value
        connection = connections[using]
        converters = [
            (
                alias,
                expression,
                connection.ops.get_db_converters(expression)
                + expression.get_db_converters(connection),
            )
            for alias, expression in compiled.columns
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        result = []
        for row in rows:
            converted = {}
            # Columns after the selected ones (an ORDER BY with DISTINCT) are the ORM's own.
            selected = row[: len(converters)]
            for (alias, expression, functions), value_in_row in zip(
                converters, selected, strict=True
            ):
                for function in functions:
                    value_in_row = function(value_in_row, expression, connection)
                converted[alias] = value_in_row
            result.append(converted)
        return result

    def _compile(self, key: tuple) -> _Compiled:
        using = key[0]
        compilers = [self._build(probe).query.get_compiler(using) for probe in _PROBES]
        (sql, params), (other_sql, other_params) = (c.as_sql() for c in compilers)
        positions = tuple(i for i, p in enumerate(params) if p == _PROBES[0])
        differing = tuple(
            i for i, (a, b) in enumerate(zip(params, other_params, strict=False)) if a != b
        )
        if (
            sql != other_sql
            or len(params) != len(other_params)
            or not positions
            or differing != positions
            or any(other_params[i] != _PROBES[1] for i in positions)
        ):
            raise ValueError("The query differs by more than the value's parameters.")
        compiler = compilers[0]
        columns = tuple(
            (alias, expression) for expression, _sql, alias in compiler.select[: compiler.col_count]
        )
        if any(alias is None for alias, _expression in columns):
            raise ValueError("Every column of a prepared query needs its alias (use values()).")
        compiled = _Compiled(sql=sql, params=tuple(params), positions=positions, columns=columns)
        self._compiled[key] = compiled
        return compiled
