"""The search page and its mechanism (issue 21 §5): the box in the navigation bar, the hint for
an empty or too short query (no query run), escaped fragments, paging and the filter per kind,
and the two ways of matching (PostgreSQL full text, the SQLite fallback)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import FindingFactory
from tests.uwvkms.search_data import WORD, audit_data
from uwvkms.search import mark_fragment, plain_fragment, terms_of


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", None),
        ("   ", None),
        ("a", None),
        ("- '", None),
        ("ab", ("ab",)),
        ("  Klant  Signalen klant ", ("klant", "signalen")),
        ('"vier ogen" -review', ("vier", "ogen", "review")),
    ],
)
def test_terms_of_a_typed_query(typed, words):
    terms = terms_of(typed)
    assert (terms.words if terms else None) == words


@pytest.mark.parametrize(
    ("text", "words", "fragment"),
    [
        (
            "Teams bespreken klantsignalen.",
            ["klant"],
            "… Teams bespreken <mark>klant</mark>signalen. …",
        ),
        (
            "<script>alert(1)</script> KLANT",
            ["klant"],
            "… &lt;script&gt;alert(1)&lt;/script&gt; <mark>KLANT</mark> …",
        ),
        ("geen treffer", ["klant"], "… geen treffer …"),
        ("", ["klant"], ""),
    ],
)
def test_plain_fragment_escapes_and_marks(text, words, fragment):
    assert plain_fragment(text, words) == fragment


def test_a_headline_is_escaped_before_its_marks_become_markup():
    assert (
        mark_fragment("<b>x</b> \x02<i>\x03") == "… &lt;b&gt;x&lt;/b&gt; <mark>&lt;i&gt;</mark> …"
    )
    assert mark_fragment("a \x02b") == "… a b …"  # an unmatched mark is dropped


def test_the_box_is_a_labelled_search_landmark_on_every_page(client, auditor):
    client.force_login(auditor)
    html = client.get(reverse("home")).content.decode()
    assert 'role="search" aria-label="Zoeken in uwvkms"' in html
    assert '<label for="zoeken-navigatie" class="visually-hidden">Zoeken</label>' in html
    assert f'action="{reverse("search")}"' in html


@pytest.mark.parametrize("typed", ["", "a", " x ", "--"])
def test_an_empty_or_short_query_gets_a_hint_and_runs_no_query(
    client, cycle, auditor, typed, monkeypatch
):
    client.force_login(auditor)
    client.get(reverse("search"))  # the session and caches warm
    with CaptureQueriesContext(connection) as plain:
        client.get(reverse("search"))
    monkeypatch.setattr(
        "uwvkms.search_views.search", lambda *a, **k: pytest.fail("searched anyway")
    )
    with CaptureQueriesContext(connection) as searched:
        response = client.get(reverse("search"), {"q": typed})
    assert response.status_code == 200
    assert len(searched) == len(plain)  # the request's own (user, roles), nothing more
    html = response.content.decode()
    if typed.strip():
        assert "Typ minstens 2 tekens om te zoeken." in html
    else:
        assert "Typ een woord, een naam of een referentie" in html


def test_script_in_the_data_is_shown_as_text(client, cycle, uitkeren, auditor):
    FindingFactory(
        cycle=cycle,
        unit=uitkeren,
        text=f"<script>alert('x')</script> {WORD} <img src=x onerror=alert(1)>",
        updated_by=auditor,
    )
    client.force_login(auditor)
    html = client.get(reverse("search"), {"q": WORD}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    # PostgreSQL's headline may leave a leading tag out; what it shows is escaped.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>" in html


def test_hits_are_grouped_by_kind_and_paged(client, cycle, uitkeren, auditor):
    audit_data(cycle, uitkeren, auditor)
    for number in range(24):
        FindingFactory(
            cycle=cycle, unit=uitkeren, text=f"{WORD} nummer {number}", updated_by=auditor
        )
    client.force_login(auditor)
    response = client.get(reverse("search"), {"q": WORD})
    html = response.content.decode()
    assert response.context["total"] == 25 + 1 + 1 + 2  # findings, recommendation, interview, files
    assert [group.kind.key for group in response.context["groups"]] == [
        "aanbevelingen",
        "bevindingen",
    ]
    assert "Pagina 1 van 2" in html and 'id="soort-bevindingen"' in html
    second = client.get(reverse("search"), {"q": WORD, "pagina": 2})
    assert [group.kind.key for group in second.context["groups"]] == [
        "bevindingen",
        "interviews",
        "documenten",
    ]
    only = client.get(reverse("search"), {"q": WORD, "soort": "documenten"})
    assert only.context["total"] == 2
    assert "Alle soorten tonen" in only.content.decode()


def test_nothing_found_says_so(client, cycle, auditor):
    client.force_login(auditor)
    html = client.get(reverse("search"), {"q": "onvindbaar"}).content.decode()
    assert "0 resultaten voor ‘onvindbaar’." in html
    assert "Niets gevonden dat u mag zien." in html


def test_full_text_on_postgresql_substrings_on_sqlite(client, cycle, uitkeren, auditor):
    """PostgreSQL stems Dutch words and ranks; the fallback matches what was typed as a
    substring of the text. Each database's own behaviour is asserted."""
    FindingFactory(
        cycle=cycle, unit=uitkeren, text="De klantsignalen worden gebruikt.", updated_by=auditor
    )
    client.force_login(auditor)

    def count(q):
        return client.get(reverse("search"), {"q": q}).context["total"]

    if connection.vendor == "postgresql":
        assert count("klantsignaal") == 1  # the singular, stemmed
        assert count("klantsignalen -gebruikt") == 0  # websearch: a word excluded
        assert count("klantsig") == 0  # a word, not a piece of one
    else:
        assert count("klantsignaal") == 0
        assert count("klantsig") == 1
    assert count("KLANTSIGNALEN") == 1


def test_an_edited_text_is_found_by_its_new_words_only(client, cycle, uitkeren, auditor):
    """PostgreSQL matches on the stored vector (a generated column), never on each row's text
    parsed again; the column follows every change of the text. SQLite matches the text."""
    finding = FindingFactory(
        cycle=cycle, unit=uitkeren, text="Het jaarplan ontbreekt.", updated_by=auditor
    )
    client.force_login(auditor)

    def total(q):
        return client.get(reverse("search"), {"q": q}).context["total"]

    assert (total("jaarplan"), total("risicoanalyse")) == (1, 0)
    type(finding).objects.filter(pk=finding.pk).update(text="De risicoanalyse is verouderd.")
    assert (total("jaarplan"), total("risicoanalyse")) == (0, 1)
    if connection.vendor == "postgresql":
        with CaptureQueriesContext(connection) as queries:
            total("risicoanalyse")
        sqls = [query["sql"] for query in queries]
        assert any('"findings_finding"' in sql and '"search_document" @@' in sql for sql in sqls)
        assert not any("to_tsvector" in sql for sql in sqls)
