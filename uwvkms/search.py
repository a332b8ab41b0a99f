"""Search (issue 21 §5): one box in the navigation bar, results grouped by kind.

The core knows no app: each app registers its providers in its `AppConfig.ready()`
(`register(kind, provider)`), a callable `provider(user, terms) -> list[SearchHit]` that answers
in a fixed number of queries whatever the number of hits, and returns only what the target's
page would show `user` (it filters with the same access logic as that page's getter; a user
whose roles give the kind nothing gets an empty list without a query).

Matching is one mechanism for every provider (`text_matches`):

- PostgreSQL: full-text search with the `dutch` configuration: `websearch_to_tsquery` (so
  quotes, `or` and `-word` work as on the web), ranked by `ts_rank`, with fragments from
  `ts_headline`. Each searched table keeps its vector in a stored generated column
  (`search_document`, the expression `search_vector` builds, with a GIN index on it) that the
  apps' migrations add with `store_search_document`: matching and ranking read the stored
  vector instead of parsing every candidate row's text again, which is what kept a rare word
  or a code like "F07-0001" slow when the planner went by the cycle and unit first.
- SQLite (and any other database): every word must occur in one of the fields (icontains), the
  rank is how many of the words occur; the fragment is cut around the first match in Python.

Fragments are escaped here: the data's text never reaches the page unescaped; only the `<mark>`
around a match is markup (`mark_fragment`, `plain_fragment`)."""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Shorter than this (after trimming) is no query: the page gives a hint and runs none.
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
# What one provider returns at most: the best ranked; the page says when there were more.
MAX_HITS_PER_KIND = 50
# PostgreSQL ranks at most this many matches of a kind (the newest): a word found in thousands
# of texts is then ranked among its newest matches, and the page stays fast.
MAX_CANDIDATES = 500
CONFIG = "dutch"
DOCUMENT_COLUMN = "search_document"  # the stored vector of a searched table (PostgreSQL)
FRAGMENT_WORDS = 30  # about this many words around the first match
_START, _STOP = "\x02", "\x03"  # marks put around a match before escaping; never in typed text


@dataclass(frozen=True)
class SearchTerms:
    """What was typed, cleaned: `text` for the database's own parser (websearch syntax on
    PostgreSQL), `words` for the simple fallback and for marking matches."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class SearchHit:
    """One result: its title, where it lies (context: unit and cycle, action), the page it
    opens (url), a fragment with the match marked (already escaped), and its rank (higher is
    better)."""

    title: str
    url: str
    context: str = ""
    fragment: SafeString = field(default_factory=lambda: mark_safe(""))
    rank: float = 0.0


@dataclass(frozen=True)
class SearchKind:
    """A kind of hit: its key (the `soort` filter), its Dutch label and its place on the page."""

    key: str
    label: str
    order: int


Provider = Callable[..., list[SearchHit]]

_kinds: dict[str, SearchKind] = {}
_providers: dict[str, list[Provider]] = {}


def register(kind: SearchKind, provider: Provider) -> None:
    """Add an app's provider of hits of `kind` (from `AppConfig.ready()`; twice adds it once)."""
    _kinds.setdefault(kind.key, kind)
    providers = _providers.setdefault(kind.key, [])
    if provider not in providers:
        providers.append(provider)


def kinds() -> list[SearchKind]:
    """The registered kinds, in their order on the page."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


_WORD = re.compile(r"\w+", re.UNICODE)


def terms_of(query: str | None) -> SearchTerms | None:
    """The terms of a typed query, or None when there is too little to search for (empty,
    shorter than MIN_QUERY_LENGTH, or no word in it): then no query is run.

    >>> terms_of("  Klant  signalen ").words
    ('klant', 'signalen')
    >>> terms_of("a") is None, terms_of("--") is None
    (True, True)"""
    text = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    words = tuple(dict.fromkeys(word.casefold() for word in _WORD.findall(text)))
    if len(text) < MIN_QUERY_LENGTH or not words or max(len(w) for w in words) < MIN_QUERY_LENGTH:
        return None
    return SearchTerms(text=text, words=words)


@dataclass(frozen=True)
class KindResults:
    kind: SearchKind
    hits: list[SearchHit]

    @property
    def capped(self) -> bool:
        """Whether there may be more than shown (a provider returns at most its cap)."""
        return len(self.hits) >= MAX_HITS_PER_KIND


def search(user, terms: SearchTerms, *, only: str | None = None) -> list[KindResults]:
    """Every kind with hits for `user`, in page order, each kind's hits best first. `only`
    limits the search to one kind (its key). Nothing for an anonymous or inactive user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    results = []
    for kind in kinds():
        if only and kind.key != only:
            continue
        hits: list[SearchHit] = []
        for provider in _providers.get(kind.key, []):
            hits.extend(provider(user, terms))
        if hits:
            hits.sort(key=lambda hit: (-hit.rank, hit.title))
            results.append(KindResults(kind=kind, hits=hits[:MAX_HITS_PER_KIND]))
    return results


# --- Matching -------------------------------------------------------------------------------


def uses_full_text() -> bool:
    """PostgreSQL's full-text search, or the simple fallback."""
    return connection.vendor == "postgresql"


def search_vector(*fields: str):
    """THE vector expression of a model's searchable `fields`: the stored column
    (`store_search_document`) is generated from it, so it must stay this one expression."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*fields, config=CONFIG)


def stored_document(model):
    """The stored vector column of `model`'s table (`store_search_document`), as an expression
    that follows the table when the query is nested in another (PostgreSQL only). The column
    is not a model field: loading a finding never drags its vector along."""
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import Col

    column = SearchVectorField()
    column.set_attributes_from_name(DOCUMENT_COLUMN)
    column.model = model
    return Col(model._meta.db_table, column)


def _document(fields: Sequence[str]):
    """The fields as one text, as `search_vector` joins them (for the headline)."""
    if len(fields) == 1:
        return F(fields[0])
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def text_matches(
    queryset: QuerySet, fields: Sequence[str], terms: SearchTerms, *, limit: int = MAX_HITS_PER_KIND
) -> list:
    """The rows of `queryset` whose `fields` match `terms`, best first, at most `limit`, each
    with `search_rank` (float) and `search_fragment` (escaped, the match in `<mark>`). One
    query."""
    if uses_full_text():
        from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

        query = SearchQuery(terms.text, search_type="websearch", config=CONFIG)
        vector = stored_document(queryset.model)
        # One statement in three steps, so the costly functions run on few rows: the index
        # finds the matches, of which the newest MAX_CANDIDATES are ranked (ts_rank reads each
        # row's text), and only the best `limit` get a headline.
        candidates = (
            queryset.annotate(search_document=vector)
            .filter(search_document=query)
            .order_by("-pk")
            .values("pk")[:MAX_CANDIDATES]
        )
        best = (
            queryset.filter(pk__in=candidates)
            .annotate(search_rank=SearchRank(vector, query))
            .order_by("-search_rank", "pk")
            .values("pk")[:limit]
        )
        rows = list(
            queryset.filter(pk__in=best)
            .annotate(
                search_rank=SearchRank(vector, query),
                search_headline=SearchHeadline(
                    _document(fields),
                    query,
                    config=CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=FRAGMENT_WORDS,
                    min_words=10,
                    short_word=2,
                ),
            )
            .order_by("-search_rank", "pk")[:limit]
        )
        for row in rows:
            row.search_fragment = mark_fragment(row.search_headline or "")
        return rows
    return contains_matches(queryset, fields, terms, limit=limit)


def contains_matches(
    queryset: QuerySet, fields: Sequence[str], terms: SearchTerms, *, limit: int = MAX_HITS_PER_KIND
) -> list:
    """Like `text_matches`, but by substring on every database: for names and codes (unit
    names and abbreviations, file names, dossier references), where a stemmed word means
    nothing. Every word must occur in one of the fields. One query."""
    condition = Q()
    for word in terms.words:
        condition &= _any_field_contains(fields, word)
    rows = list(queryset.filter(condition).order_by("pk")[:limit])
    for row in rows:
        text = " ".join(str(getattr_path(row, name) or "") for name in fields)
        row.search_rank = float(sum(word in text.casefold() for word in terms.words))
        row.search_fragment = plain_fragment(text, terms.words)
    rows.sort(key=lambda row: -row.search_rank)
    return rows


def _any_field_contains(fields: Iterable[str], word: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition


def getattr_path(obj, path: str):
    """`obj.a.b` for the lookup path "a__b"."""
    for part in path.split("__"):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


# --- Fragments ---------------------------------------------------------------------------------


def mark_fragment(headline: str) -> SafeString:
    """A headline with the matches between the start and stop marks, as safe HTML: the text is
    escaped, then only the marks become `<mark>`.

    >>> mark_fragment("a \\x02<b>\\x03 c")
    '… a <mark>&lt;b&gt;</mark> c …'"""
    text = escape(headline.strip())
    text = re.sub(
        f"{_START}(.*?){_STOP}", lambda m: f"<mark>{m.group(1)}</mark>", text, flags=re.DOTALL
    )
    text = text.replace(_START, "").replace(_STOP, "")
    return mark_safe(f"… {text} …" if text else "")  # noqa: S308 (escaped above)


def plain_fragment(text: str, words: Sequence[str], *, around: int = 80) -> SafeString:
    """About `around` characters either side of the first match of one of `words` in `text`,
    escaped, with every match of the words in `<mark>` (case-insensitive).

    >>> plain_fragment("Een <script> in de klantsignalen", ["klant"])
    '… Een &lt;script&gt; in de <mark>klant</mark>signalen …'"""
    text = " ".join(text.split())
    folded = text.casefold()
    positions = [folded.find(word) for word in words if word and folded.find(word) >= 0]
    first = min(positions) if positions else 0
    start = max(0, first - around)
    end = min(len(text), first + around)
    piece = text[start:end]
    pattern = re.compile("|".join(re.escape(word) for word in words if word), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(piece) if words else ():
        out.append(escape(piece[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(piece[last:]))
    body = "".join(out)
    return mark_safe(f"… {body} …" if body else "")  # noqa: S308 (every piece escaped)


# --- Indexes (PostgreSQL only, from the apps' migrations) ------------------------------------


def add_search_index(schema_editor, model, fields: Sequence[str], name: str) -> None:
    """Create the GIN index on `search_vector(*fields)` of `model`, on PostgreSQL only (a
    migration's RunPython: SQLite migrates without it)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    schema_editor.add_index(model, GinIndex(search_vector(*fields), name=name))


def remove_search_index(schema_editor, model, name: str) -> None:
    """Drop an index `add_search_index` created (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def _vector_sql(schema_editor, model, fields: Sequence[str]) -> str:
    """`search_vector(*fields)` as SQL on `model`'s own columns, its values inlined (as Django
    writes an expression index)."""
    from django.db.models.sql import Query

    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = (
        search_vector(*fields).resolve_expression(query).as_sql(compiler, schema_editor.connection)
    )
    return sql % tuple(schema_editor.quote_value(value) for value in params)


def add_search_document(
    schema_editor, model, fields: Sequence[str], name: str, *, replaces: str = ""
) -> None:
    """Store `search_vector(*fields)` of `model` in the generated column `search_document`
    with the GIN index `name` on it, in place of the expression index `replaces` (PostgreSQL
    only: SQLite migrates without either)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    table, column = model._meta.db_table, DOCUMENT_COLUMN
    quote = schema_editor.quote_name
    if replaces:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(replaces)}")
    schema_editor.execute(
        f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} tsvector "
        f"GENERATED ALWAYS AS ({_vector_sql(schema_editor, model, fields)}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({quote(column)})"
    )


def remove_search_document(
    schema_editor, model, fields: Sequence[str], name: str, *, replaces: str = ""
) -> None:
    """Undo `add_search_document`: drop the column (and its index), restore the expression
    index it replaced, if any."""
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN IF EXISTS {quote(DOCUMENT_COLUMN)}"
    )
    if replaces:
        add_search_index(schema_editor, model, fields, replaces)


def store_search_document(
    app_label: str, model_name: str, fields: Sequence[str], name: str, *, replaces: str = ""
):
    """A migration operation storing a searched table's vector (`add_search_document`) and,
    backwards, dropping it again (and returning to the expression index it `replaces`).

    PostgreSQL refuses to change the type of, or to drop, a column the stored vector is
    generated from (an `AlterField` of `max_length`, a `RemoveField`). A migration doing that
    to a searched field drops the vector first and stores it again after, with the fields it
    then has: `[unstore_search_document(...), AlterField(...), store_search_document(...)]`."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        add_search_document(schema_editor, model, fields, name, replaces=replaces)

    def backwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        remove_search_document(schema_editor, model, fields, name, replaces=replaces)

    return migrations.RunPython(forwards, backwards, elidable=False)


def unstore_search_document(app_label: str, model_name: str, fields: Sequence[str], name: str):
    """The reverse of `store_search_document` as a migration operation: drops the stored vector
    (and its index) before a searched column changes type or goes; backwards, stores it again
    with these `fields`."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        remove_search_document(schema_editor, model, fields, name)

    def backwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        add_search_document(schema_editor, model, fields, name)

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_index_operation(app_label: str, model_name: str, fields: Sequence[str], name: str):
    """A migration operation creating (and, backwards, dropping) one search expression index
    (the first search migrations; `store_search_document` has replaced them since)."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        add_search_index(schema_editor, apps.get_model(app_label, model_name), fields, name)

    def backwards(apps, schema_editor):
        remove_search_index(schema_editor, apps.get_model(app_label, model_name), name)

    return migrations.RunPython(forwards, backwards, elidable=False)


def prefix_index_operation(table: str, column: str, name: str):
    """A migration operation creating, on PostgreSQL only, an index serving case-insensitive
    prefix matches (`__istartswith`, which PostgreSQL runs as UPPER(col) LIKE 'X%')."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f"(UPPER({column}::text) text_pattern_ops)"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards, elidable=False)
