"""The report markup (issue 18): cleaning on save, the problems the team is told about,
parsing, numbering and rendering, table-tested. Pure functions: no database."""

import re

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


def html(text, **kwargs):
    blocks, _next = markup.number_footnotes(markup.parse(text))
    return str(markup.to_html(blocks, **kwargs))


REF1 = '<sup><a href="#voetnoot-1" id="voetnoot-ref-1" class="footnote-ref">1</a></sup>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("a\nb\n\nc", "<p>a<br>b</p>\n<p>c</p>"),
        ("**v** *c*", "<p><strong>v</strong> <em>c</em></p>"),
        ("### Kop", '<h4 class="uwv-h3">Kop</h4>'),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("1. a\n  b", "<ol><li>a<br>b</li></ol>"),
        ("> a\n>\n> b", '<blockquote class="uwv-quote"><p>a</p><p>b</p></blockquote>'),
        ("[zie](#h-6-1)", '<p><a href="#h-6-1">zie</a></p>'),
        ("[zie](#Hoofd)", "<p>zie</p>"),  # not an anchor this report makes
        ("a[^b]", f"<p>a{REF1}</p>"),
        ("a & b < c", "<p>a &amp; b &lt; c</p>"),
    ],
)
def test_to_html(text, expected):
    assert html(text) == expected


def test_to_html_is_safe_string():
    assert isinstance(markup.to_html(markup.parse("a")), markup.SafeString)


def test_to_html_numbered_heading_and_tag():
    blocks = markup.number_headings(markup.parse("### Kop"), prefix="6.1", anchor_prefix="h-6-1")
    assert str(markup.to_html(blocks, heading_tag="h3")) == (
        '<h3 id="h-6-1-1" class="uwv-h3"><span class="uwv-number">6.1.1</span> Kop</h3>'
    )


def test_to_html_float_footnotes():
    assert html("a[^Bron *x*] b", footnotes="float") == (
        '<p>a<span class="footnote">Bron *x*</span> b</p>'
    )
    # Floating footnotes need no numbers: WeasyPrint numbers them.
    assert str(markup.to_html(markup.parse("[^x]"), footnotes="float")) == (
        '<p><span class="footnote">x</span></p>'
    )


@pytest.mark.parametrize(
    "kwargs", [{"footnotes": "voet"}, {"heading_tag": "script"}, {"heading_tag": "h4 onclick=x"}]
)
def test_to_html_refuses_unknown_options(kwargs):
    with pytest.raises(ValueError):
        markup.to_html(markup.parse("a"), **kwargs)


def test_to_html_refuses_unnumbered_footnote_refs():
    with pytest.raises(ValueError):
        markup.to_html(markup.parse("a[^b]"))


EVIL = '<script>alert("x")</script>'
EVIL_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.mark.parametrize(
    "text",
    [
        EVIL,
        f"### {EVIL}",
        f"- {EVIL}",
        f"1. {EVIL}",
        f"> {EVIL}",
        f"*{EVIL}*",
        f"**{EVIL}**",
        f"[{EVIL}](#h-1)",
        f"[{EVIL}](http://e.nl)",
        f"a[^{EVIL}]",
    ],
)
@pytest.mark.parametrize("style", ["ref", "float"])
def test_to_html_escapes_every_position(text, style):
    out = html(text, footnotes=style)
    assert "<script" not in out
    assert '"x"' not in out
    if style == "ref" and "[^" in text:
        # A reference carries only its number; the caller lists the footnotes' texts.
        assert out == f"<p>a{REF1}</p>"
    else:
        assert EVIL_ESCAPED in out


def test_to_html_escapes_block_fields_set_by_code():
    # Number and anchor come from the report, yet are escaped as well.
    block = markup.Block(markup.HEADING, inlines=(T("k"),), number='1"<', anchor='a"><b')
    out = str(markup.to_html((block,)))
    assert out == (
        '<h4 id="a&quot;&gt;&lt;b" class="uwv-h3"><span class="uwv-number">1&quot;&lt;</span> k</h4>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "[klik](javascript:alert(1))",
        "[klik](javascript:alert`1`)",
        "[klik](http://e.nl)",
        "[klik](https://e.nl/#x)",
        "[klik](//e.nl)",
        "[klik](data:text/html,x)",
        "[klik]( javascript:x)",
        "[klik](#javascript:alert(1))",
        '[klik](#a"onclick=x)',
    ],
)
def test_no_external_href(text):
    out = html(text)
    assert "href" not in out
    assert "klik" in out


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "http://e.nl", "#x y", "#h-1", "H-1", ""]
)
def test_to_html_checks_anchor_of_hand_made_link(target):
    # Blocks built by code, not parse, are rendered just as safely.
    block = P(LINK("klik", target))
    assert str(markup.to_html((block,))) == "<p>klik</p>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("a\nb\n\nc", "a\nb\nc"),
        ("**v** *c* [zie](#h) [x](http://e.nl)", "v c zie x"),
        ("- a\n- b\n1. c", "a\nb\nc"),
        ("> a\n>\n> b", "a\nb"),
        ("a[^noot] b[^twee]", "a[1] b[2]"),
        ("<b>&</b>", "<b>&</b>"),
    ],
)
def test_plain_text(text, expected):
    blocks, _next = markup.number_footnotes(markup.parse(text))
    assert markup.plain_text(blocks) == expected


def test_plain_text_heading_number_and_unnumbered_footnotes():
    blocks = markup.number_headings(markup.parse("### Kop\na[^b]"), prefix="6", anchor_prefix="h")
    assert markup.plain_text(blocks) == "6.1 Kop\na"


def test_plain_text_matches_html_text():
    # The HTML's text (tags removed, entities resolved) is the plain text, line breaks aside.
    import html as htmllib

    text = "### Kop\na **b** *c*\nd[^e]\n\n- f [g](#h)\n> i"
    blocks, _next = markup.number_footnotes(markup.parse(text))
    blocks = markup.number_headings(blocks, prefix="6", anchor_prefix="h")
    from_html = htmllib.unescape(re.sub(r"<[^>]+>", "", str(markup.to_html(blocks))))
    assert from_html.replace("\n", "") == markup.plain_text(blocks).replace("[1]", "1").replace(
        "\n", ""
    )


# Fragments the markup gives meaning to, and characters it must survive.
FUZZ_PIECES = [
    "a",
    "tekst ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "#",
    "### ",
    "## ",
    "-",
    "- ",
    "* ",
    "*",
    "**",
    "1. ",
    "2) ",
    ">",
    "> ",
    "[",
    "]",
    "(",
    ")",
    "[^",
    "](#",
    "](",
    "#a-1",
    "<",
    ">",
    "&",
    '"',
    "'",
    "\\",
    "\x00",
    "\x1b",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\xa0",
    "é",
    "\u2028",
    "\U0001f600",
    "javascript:",
    "http://",
]


ALLOWED_TAGS = {"p", "br", "h4", "span", "ul", "ol", "li", "blockquote", "em", "strong", "a", "sup"}


def fuzz_texts(count, seed):
    import random

    rng = random.Random(seed)
    return ["".join(rng.choices(FUZZ_PIECES, k=rng.randint(0, 40))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(4))
def test_never_raises(seed):
    for text in fuzz_texts(100, seed):
        blocks = markup.parse(text)
        # What the team saved parses as what they typed.
        assert markup.parse(markup.clean(text)) == blocks
        assert markup.clean(markup.clean(text)) == markup.clean(text)
        markup.problems(text, anchors={"a-1"})
        numbered, next_free = markup.number_footnotes(blocks, start=3)
        assert next_free == 3 + len(markup.footnotes(blocks))
        numbered = markup.number_headings(numbered, prefix="6", anchor_prefix="h")
        for style in ("ref", "float"):
            out = str(markup.to_html(numbered, footnotes=style))
            # Nothing typed becomes a tag, an attribute or an outside address.
            assert set(re.findall(r"</?([a-z0-9]+)", out)) <= ALLOWED_TAGS
            assert all(
                re.fullmatch(r'"#[a-z0-9-]+"', h) for h in re.findall(r'href=("[^"]*")', out)
            )
            assert set(re.findall(r" ([a-z-]+)=", out)) <= {"href", "id", "class"}
        markup.plain_text(numbered)
