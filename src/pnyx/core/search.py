"""Full-text search behind one interface: SQLite FTS5 when embedded, PostgreSQL full-text search.

An app indexes an object with `index_object` from the service that writes it, and narrows a
queryset with `filter_queryset`, which keeps the queryset's own filters and orders the matches by
relevance (annotated as `search_rank`, lower is better). Words in the query are matched as prefixes
and all must appear; punctuation and search operators typed by a person are treated as plain text.
"""

import re
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Func, IntegerField, Model, QuerySet

from pnyx.core.models import SearchEntry

if TYPE_CHECKING:
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

MAX_MATCHES = 500
MAX_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

_SQLITE_QUERY = """
    SELECT e.object_id FROM core_search_fts f JOIN core_searchentry e ON e.id = f.rowid
    WHERE core_search_fts MATCH %s AND e.kind = %s
    ORDER BY bm25(core_search_fts, 4.0, 1.0) LIMIT %s
"""
_POSTGRES_QUERY = """
    SELECT object_id FROM core_searchentry
    WHERE kind = %s AND to_tsvector('simple', title || ' ' || body) @@ to_tsquery('simple', %s)
    ORDER BY ts_rank(
        setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', body),
        to_tsquery('simple', %s)
    ) DESC, id
    LIMIT %s
"""


def words(query: str) -> list[str]:
    """The searchable words of what a person typed (letters and digits only, lower-cased)."""
    return [word.lower() for word in _WORD.findall(query or "")][:MAX_WORDS]


def kind_of(model: type[Model] | Model) -> str:
    return model._meta.label_lower


def index_object(obj: Model, *, title: str, body: str = "") -> None:
    """Add or refresh an object's searchable text."""
    SearchEntry.objects.update_or_create(
        kind=kind_of(obj), object_id=str(obj.pk), defaults={"title": title[:300], "body": body}
    )


def remove_object(obj: Model) -> None:
    """Take an object out of the index (it no longer appears in any result)."""
    SearchEntry.objects.filter(kind=kind_of(obj), object_id=str(obj.pk)).delete()


def matching_ids(kind: str, query: str) -> list[str]:
    """Ids of indexed objects of one kind whose text has every word, most relevant first."""
    terms = words(query)
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{term}:*" for term in terms)
            cursor.execute(_POSTGRES_QUERY, [kind, tsquery, tsquery, MAX_MATCHES])
        else:
            match = " ".join(f'"{term}"*' for term in terms)
            cursor.execute(_SQLITE_QUERY, [match, kind, MAX_MATCHES])
        return [row[0] for row in cursor.fetchall()]


def filter_queryset(queryset: QuerySet, query: str) -> QuerySet:
    """Keep the objects matching `query`, most relevant first; unchanged for a blank query."""
    if not words(query):
        return queryset
    ids = matching_ids(kind_of(queryset.model), query)
    field = queryset.model._meta.pk
    pks = [field.to_python(value) for value in ids]
    if not pks:
        return queryset.none()
    rank = Position([str(pk) for pk in pks])
    return queryset.filter(pk__in=pks).annotate(search_rank=rank).order_by("search_rank")


class Position(Func):
    """A row's place (0 first) in a list of its model's primary keys, sent as one parameter.

    Written as one CASE arm per match, the relevance order of 500 matches cost Django more time to
    build and compile than the database took to search.
    """

    output_field = IntegerField()

    def __init__(self, ids: list[str]) -> None:
        super().__init__(F("pk"))
        self.ids = ids

    def as_sqlite(
        self, compiler: "SQLCompiler", connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> "_AsSqlType":
        # Every id padded to one width after a "|": a row's place is the offset of "|" and its
        # padded id, divided by the length of one entry.
        width = max(len(value) for value in self.ids)
        column, params = compiler.compile(self.source_expressions[0])
        ids = "".join("|" + value.rjust(width) for value in self.ids)
        sql = f"((instr(%s, '|' || printf('%%{width}s', {column})) - 1) / {width + 1})"
        return sql, (ids, *params)

    def as_postgresql(
        self, compiler: "SQLCompiler", connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> "_AsSqlType":
        column, params = compiler.compile(self.source_expressions[0])
        # Primary keys (numbers or UUIDs) never hold a comma.
        sql = f"(array_position(string_to_array(%s, ','), ({column})::text) - 1)"
        return sql, (",".join(self.ids), *params)
