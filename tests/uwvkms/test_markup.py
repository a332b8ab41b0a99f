"""The report markup (issue 18): cleaning on save, the problems the team is told about,
parsing, numbering and rendering, table-tested. Pure functions: no database."""

import pytest

from uwvkms import markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\tb", "a b"),
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcdef"),
        ("ab\u202ecd\u2066e\u2069\u202a\u202b\u202c\u202d\u2067\u2068", "abcde"),
        ("a\u200bb\u200cc\u200dd\ufeffe", "abcde"),
        ("a  \nb\t\n c \u200b", "a\nb\n c"),
        ("a\n\n\n\nb\n\n\nc", "a\n\nb\n\nc"),
        ("a\n \n\t\n\nb", "a\n\nb"),
        ("\n\n  a\n\n", "a"),
        ("a\r\n\r\n\r\n\r\nb", "a\n\nb"),
        ("\u200b", ""),
        ("", ""),
    ],
)
def test_clean(text, expected):
    assert markup.clean(text) == expected
    # Idempotent: cleaning what was saved changes nothing.
    assert markup.clean(expected) == expected


# Short constructors for the expected blocks.
def T(text):
    return markup.Inline(markup.TEXT, text)


BR = markup.Inline(markup.BREAK)


def EM(text):
    return markup.Inline(markup.EMPHASIS, text)


def STRONG(text):
    return markup.Inline(markup.STRONG, text)


def LINK(text, target):
    return markup.Inline(markup.LINK, text, target=target)


def NOTE(text, number=0):
    return markup.Inline(markup.FOOTNOTE, text, number=number)


def P(*inlines):
    return markup.Block(markup.PARAGRAPH, inlines=inlines)


def H(*inlines, number="", anchor=""):
    return markup.Block(markup.HEADING, inlines=inlines, number=number, anchor=anchor)


def UL(*items):
    return markup.Block(markup.BULLETS, items=items)


def OL(*items):
    return markup.Block(markup.NUMBERS, items=items)


def Q(*paragraphs):
    return markup.Block(markup.QUOTE, items=paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("Een zin.", (P(T("Een zin.")),)),
        ("a\nb", (P(T("a"), BR, T("b")),)),
        ("a\n\nb", (P(T("a")), P(T("b")))),
        ("a\n\n\n\n b \n", (P(T("a")), P(T("b")))),
        ("### Aanpak", (H(T("Aanpak")),)),
        ("## Aanpak\n#### Scope", (H(T("Aanpak")), H(T("Scope")))),
        ("tekst\n### Kop\nmeer", (P(T("tekst")), H(T("Kop")), P(T("meer")))),
        ("### *Kop* [^noot]", (H(EM("Kop"), T(" "), NOTE("noot")),)),
        ("###\nna", (P(T("na")),)),  # an empty heading is reported, not rendered
        ("###Kop", (P(T("###Kop")),)),
        ("# Hoofdstuk", (P(T("# Hoofdstuk")),)),  # chapters are the report's, not the team's
        ("##### Te diep", (P(T("##### Te diep")),)),
        ("- a\n- b", (UL((T("a"),), (T("b"),)),)),
        ("* a\n* b", (UL((T("a"),), (T("b"),)),)),
        ("1. a\n2) b\n10. c", (OL((T("a"),), (T("b"),), (T("c"),)),)),
        ("2024. Een jaar", (P(T("2024. Een jaar")),)),
        ("-5 graden", (P(T("-5 graden")),)),
        ("- a\n  vervolg\n- b", (UL((T("a"), BR, T("vervolg")), (T("b"),)),)),
        ("- a\ngeen vervolg", (UL((T("a"),)), P(T("geen vervolg")))),
        ("inleiding\n- a\n1. b", (P(T("inleiding")), UL((T("a"),)), OL((T("b"),)))),
        ("- a\n\n- b", (UL((T("a"),)), UL((T("b"),)))),
        ("> a\n> b", (Q((T("a"), BR, T("b"))),)),
        ("> a\n>\n> b", (Q((T("a"),), (T("b"),)),)),
        (">\n> a\n>\n>\n", (Q((T("a"),)),)),
        (">", ()),
        ("> a\nb", (Q((T("a"),)), P(T("b")))),
        ("**vet** en *cursief*", (P(STRONG("vet"), T(" en "), EM("cursief")),)),
        ("3 * 4 = 12", (P(T("3 * 4 = 12")),)),
        ("3 * 4 * 5", (P(T("3 * 4 * 5")),)),
        ("*open", (P(T("*open")),)),
        ("**open *em*", (P(T("**open "), EM("em")),)),
        ("***x***", (P(T("*"), STRONG("x"), T("*")),)),
        ("*a\nb*", (P(T("*a"), BR, T("b*")),)),  # emphasis does not span lines
        ("*[^geen noot]*", (P(EM("[^geen noot]")),)),  # not nested
        ("zin[^Bron: CBS.] verder", (P(T("zin"), NOTE("Bron: CBS."), T(" verder")),)),
        ("[^a *b* [c]", (P(NOTE("a *b* [c")),)),  # the first "]" closes; plain text
        ("[^  ]zin", (P(T("zin")),)),
        ("a\n[^]\nb", (P(T("a"), BR, T("b")),)),  # no empty line left between breaks
        ("[^open", (P(T("[^open")),)),
        ("[zie 5](#hoofdbevindingen)", (P(LINK("zie 5", "hoofdbevindingen")),)),
        ("[ zie ]( #h-1 )", (P(LINK("zie", "h-1")),)),
        ("[](#h-1)", (P(LINK("h-1", "h-1")),)),
        ("[site](http://e.nl) x", (P(T("site x")),)),
        ("[klik](javascript:alert(1))", (P(T("klik)")),)),
        ("[a] (#b)", (P(T("[a] (#b)")),)),
        ('<script>alert("x")</script>', (P(T('<script>alert("x")</script>')),)),
        ("a\r\nb\u202e", (P(T("a"), BR, T("b")),)),
    ],
)
def test_parse(text, expected):
    assert markup.parse(text) == expected


def N(line, message):
    return f"Regel {line}: {message}"


EXTERNAL = (
    "Een link kan alleen naar een hoofdstuk of paragraaf van dit rapport, zoals "
    "[zie hoofdstuk 5](#hoofdbevindingen)."
)
OPEN_NOTE = "Een voetnoot die met [^ begint, moet op dezelfde regel eindigen met ]."
EMPTY_NOTE = "Een voetnoot is leeg; schrijf de tekst tussen [^ en ]."
EMPTY_HEADING = "Een kop (###) heeft een titel nodig, zoals ### Aanpak."


def ANCHOR(anchor):
    return f"De link naar #{anchor} wijst niet naar een hoofdstuk of paragraaf van dit rapport."


@pytest.mark.parametrize(
    ("text", "anchors", "expected"),
    [
        ("", None, []),
        ("### Kop\n- a [^b] [c](#d)\n> **e**", None, []),
        ("<b>rauw</b> <script>", None, []),  # shown escaped, not a problem
        ("3 * 4 en [a] en *", None, []),
        ("a\n\nb [x](http://e.nl)", None, [N(3, EXTERNAL)]),
        ("[x](javascript:alert(1))", None, [N(1, EXTERNAL)]),
        ("[x](mailto:a@b.nl) [y](https://e.nl)", None, [N(1, EXTERNAL)]),
        ("- [x](www.e.nl)", None, [N(1, EXTERNAL)]),
        ("[x](#h-1)\n[y](#elders)", {"h-1"}, [N(2, ANCHOR("elders"))]),
        ("[x](#h-1)", set(), [N(1, ANCHOR("h-1"))]),
        ("[x](#Hoofd stuk)", None, [N(1, ANCHOR("Hoofd stuk"))]),
        ("[x](#)", None, [N(1, ANCHOR(""))]),
        ("a\nb [^open", None, [N(2, OPEN_NOTE)]),
        ("[^]\n> [^ ]", None, [N(1, EMPTY_NOTE), N(2, EMPTY_NOTE)]),
        ("tekst\n###\n## ", None, [N(2, EMPTY_HEADING), N(3, EMPTY_HEADING)]),
        ("a\r\nb\r\n###", None, [N(3, EMPTY_HEADING)]),  # CRLF counts as one line end
        (
            "### Kop\n[a](http://x) [^\n\n[b](#nee)",
            {"kop"},
            [N(2, EXTERNAL), N(2, OPEN_NOTE), N(4, ANCHOR("nee"))],
        ),
    ],
)
def test_problems(text, anchors, expected):
    assert markup.problems(text, anchors=anchors) == expected


def test_number_footnotes_in_reading_order_across_blocks_from_start():
    blocks = markup.parse(
        "### Kop[^in kop]\na[^een] b[^twee]\n\n- c[^drie]\n- d\n\n> e[^vier]\n>\n> f[^vijf]"
    )
    numbered, next_free = markup.number_footnotes(blocks, start=7)
    assert next_free == 13
    assert [(n.text, n.number) for n in markup.footnotes(numbered)] == [
        ("in kop", 7),
        ("een", 8),
        ("twee", 9),
        ("drie", 10),
        ("vier", 11),
        ("vijf", 12),
    ]
    # Only the numbers change; the unnumbered blocks are as parsed.
    assert [n.text for n in markup.footnotes(blocks)] == [
        n.text for n in markup.footnotes(numbered)
    ]
    assert all(n.number == 0 for n in markup.footnotes(blocks))
    assert numbered[1] == P(T("a"), NOTE("een", 8), T(" b"), NOTE("twee", 9))


@pytest.mark.parametrize(
    ("text", "start", "expected_next"),
    [("geen voetnoten", 1, 1), ("geen voetnoten", 5, 5), ("[^a]", 1, 2), ("[^a][^b]", 3, 5)],
)
def test_number_footnotes_next_free(text, start, expected_next):
    assert markup.number_footnotes(markup.parse(text), start=start)[1] == expected_next


def test_number_headings():
    blocks = markup.parse("### Aanpak\ntekst\n### Scope\n- a\n#### Resultaat")
    numbered = markup.number_headings(blocks, prefix="6.1", anchor_prefix="h-6-1")
    assert [(b.kind, b.number, b.anchor) for b in numbered] == [
        (markup.HEADING, "6.1.1", "h-6-1-1"),
        (markup.PARAGRAPH, "", ""),
        (markup.HEADING, "6.1.2", "h-6-1-2"),
        (markup.BULLETS, "", ""),
        (markup.HEADING, "6.1.3", "h-6-1-3"),
    ]
