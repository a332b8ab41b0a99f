"""The small, safe markup in which the coordination team writes the UWV-wide report's sections
(issue 18): paragraphs, headings within a section, lists, emphasis, block quotes, footnotes and
links within the report. Text is parsed into plain, immutable blocks that HTML, PDF and Word
render alike; nothing the team types is ever emitted as HTML.

The syntax (one construct per line start, as in a plain-text e-mail):

- a blank line separates paragraphs; a single line break stays a line break;
- `### Titel` is a heading within the section (numbered by the report, e.g. 6.1.1; `##` and
  `####` are read as `###`);
- lines starting with `- ` (or `* `) form a bulleted list, `1. ` (or `1) `) a numbered list;
  an indented line continues a list item;
- lines starting with `> ` form a block quote (a blank `>` line separates its paragraphs);
- `*cursief*` and `**vet**` (not nested);
- `[^tekst van de voetnoot]` is a footnote, numbered by the report in reading order;
- `[tekst](#anker)` links to a chapter or section of the same report, never elsewhere.
"""

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Inline kinds
TEXT = "text"
EMPHASIS = "em"
STRONG = "strong"
LINK = "link"
FOOTNOTE = "footnote"
BREAK = "break"

# Block kinds
PARAGRAPH = "paragraph"
HEADING = "heading"
BULLETS = "bullets"
NUMBERS = "numbers"
QUOTE = "quote"


@dataclass(frozen=True)
class Inline:
    """A run of text within a block. `target` is a link's anchor (without "#"); `number` a
    footnote's number in the report (0 until the report numbers it)."""

    kind: str
    text: str = ""
    target: str = ""
    number: int = 0


@dataclass(frozen=True)
class Block:
    """A paragraph or heading (`inlines`), a list (`items`: one tuple of inlines per item) or a
    block quote (`items`: one tuple of inlines per paragraph). A heading's `number` and
    `anchor` are set by the report."""

    kind: str
    inlines: tuple[Inline, ...] = ()
    items: tuple[tuple[Inline, ...], ...] = ()
    number: str = ""
    anchor: str = ""


# Characters that change how text is shown without being visible: bidi overrides and isolates
# (they can make a sentence read differently from what was typed, "Trojan source") and
# zero-width characters (they break searching and comparing the report's texts).
_INVISIBLE = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\ufeff")
)


def _scrub(text: str) -> str:
    """Unify line ends and drop control and invisible characters; keeps every line where it
    was, so that `problems` can name line numbers in what the team typed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.translate(_INVISIBLE)
    # Category Cc is C0, DEL and C1; the line feed is the only one the markup means.
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def clean(text: str) -> str:
    """The text as saved: line ends unified, control, bidi and zero-width characters removed,
    no trailing whitespace, at most one blank line in a row, no surrounding whitespace.
    Idempotent: clean(clean(x)) == clean(x)."""
    lines = [line.rstrip() for line in _scrub(text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- Lines -------------------------------------------------------------------------------------

_BLANK = "blank"
# `##` and `####` are accepted as `###`: the team cannot choose the level, the report does.
_HEADING_LINE = re.compile(r"#{2,4}(?: (.*))?")
_BULLET_LINE = re.compile(r"[-*] (.*)")
# At most three digits, so that a line opening with a year ("2024. Een jaar ...") stays text.
_NUMBER_LINE = re.compile(r"\d{1,3}[.)] (.*)")
_QUOTE_LINE = re.compile(r">(.*)")
_LINE_KINDS = [
    (HEADING, _HEADING_LINE),
    (BULLETS, _BULLET_LINE),
    (NUMBERS, _NUMBER_LINE),
    (QUOTE, _QUOTE_LINE),
]


def _classify(line: str) -> tuple[str, str]:
    """What a (scrubbed) line starts and its content without the marker."""
    stripped = line.strip()
    if not stripped:
        return _BLANK, ""
    for kind, pattern in _LINE_KINDS:
        if match := pattern.fullmatch(stripped):
            return kind, (match.group(1) or "").strip()
    return TEXT, stripped


# --- Inlines -----------------------------------------------------------------------------------

_SPECIAL = re.compile(r"[\[*]")
# A link's target is read up to the first ")" (spaces and all), so that a wrong target such as
# "javascript:alert(1" is recognised, reported and shown as its label, never half-linked.
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)]*)\)")
# Emphasis opens on a non-space and closes on a non-space, so "3 * 4 * 5" stays arithmetic.
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_EMPHASIS = re.compile(r"\*([^*\s](?:[^*]*[^*\s])?)\*")
_ANCHOR = re.compile(r"[a-z0-9-]+")

# What the inline scanner can find wrong; `problems` words them.
_OPEN_FOOTNOTE = "open-footnote"
_EMPTY_FOOTNOTE = "empty-footnote"
_EXTERNAL_LINK = "external-link"


def _scan(line: str, issues: list[str]) -> list[Inline]:
    """The inlines of one line's content; appends what is wrong with it to `issues`.
    Never raises: whatever is not markup is text."""
    out: list[Inline] = []
    text: list[str] = []  # literal text not yet emitted

    def emit(inline: Inline) -> None:
        if text:
            out.append(Inline(TEXT, "".join(text)))
            text.clear()
        out.append(inline)

    i = 0
    while i < len(line):
        special = _SPECIAL.search(line, i)
        if special is None:
            text.append(line[i:])
            break
        text.append(line[i : special.start()])
        i = special.start()
        if line.startswith("[^", i):
            # The first "]" closes a footnote; its text is plain text.
            end = line.find("]", i + 2)
            if end == -1:
                issues.append(_OPEN_FOOTNOTE)
                text.append("[^")
                i += 2
                continue
            note = line[i + 2 : end].strip()
            if note:
                emit(Inline(FOOTNOTE, note))
            else:
                issues.append(_EMPTY_FOOTNOTE)
            i = end + 1
        elif line[i] == "[" and (match := _LINK.match(line, i)):
            label, target = match.group(1).strip(), match.group(2).strip()
            if target.startswith("#"):
                emit(Inline(LINK, label or target[1:], target=target[1:]))
            else:
                # Only the label: no rendering can emit an address outside the report.
                issues.append(_EXTERNAL_LINK)
                text.append(label)
            i = match.end()
        elif match := (_STRONG.match(line, i) or _EMPHASIS.match(line, i)):
            kind = STRONG if match.group(0).startswith("**") else EMPHASIS
            emit(Inline(kind, match.group(1)))
            i = match.end()
        else:
            text.append(line[i])  # an unmatched "[" or "*" is just text
            i += 1
    if text and "".join(text):
        out.append(Inline(TEXT, "".join(text)))
    return out


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent text inlines as one (a dropped empty footnote or link may leave two)."""
    merged: list[Inline] = []
    for inline in inlines:
        if inline.kind == TEXT and not inline.text:
            continue
        if inline.kind == TEXT and merged and merged[-1].kind == TEXT:
            merged[-1] = Inline(TEXT, merged[-1].text + inline.text)
        else:
            merged.append(inline)
    return tuple(merged)


def _inlines(lines: list[str]) -> tuple[Inline, ...]:
    """The inlines of consecutive lines, a single line break between them kept as BREAK."""
    out: list[Inline] = []
    for line in lines:
        scanned = _scan(line, [])
        if not scanned:
            continue  # e.g. a line with only an empty footnote: no dangling break
        if out:
            out.append(Inline(BREAK))
        out.extend(scanned)
    return _merge(out)


# --- Blocks ------------------------------------------------------------------------------------


def parse(text: str) -> tuple[Block, ...]:
    """The blocks of a text written in the markup (see the module docstring). Never raises;
    parse(clean(text)) == parse(text)."""
    blocks: list[Block] = []
    current = ""  # the kind of the open block, "" when none
    parts: list[list[str]] = []  # lines per list item, per quote paragraph, or the paragraph

    def close() -> None:
        nonlocal current, parts
        chunks = [inlines for lines in parts if (inlines := _inlines(lines))]
        if chunks and current == PARAGRAPH:
            blocks.append(Block(PARAGRAPH, inlines=chunks[0]))
        elif chunks:
            blocks.append(Block(current, items=tuple(chunks)))
        current, parts = "", []

    for line in _scrub(text).split("\n"):
        kind, content = _classify(line)
        if kind == _BLANK:
            close()
        elif kind == TEXT and current in (BULLETS, NUMBERS) and line[:1].isspace():
            parts[-1].append(content)  # an indented line continues the list item
        elif kind == HEADING:
            close()
            if inlines := _inlines([content]):
                blocks.append(Block(HEADING, inlines=inlines))
        elif kind in (BULLETS, NUMBERS):
            if current != kind:
                close()
                current = kind
            parts.append([content])
        elif kind == QUOTE:
            if current != QUOTE:
                close()
                current, parts = QUOTE, [[]]
            if content:
                parts[-1].append(content)
            else:
                parts.append([])  # a bare ">" starts the next paragraph (empty ones dropped)
        else:
            if current != PARAGRAPH:
                close()
                current, parts = PARAGRAPH, [[]]
            parts[0].append(content)
    close()
    return tuple(blocks)


def problems(text: str, *, anchors: Collection[str] | None = None) -> list[str]:
    """What is wrong with a text, in Dutch, one message per problem with its line number; empty
    when fine. `anchors` are the report's chapters and sections a link may point at (unchecked
    when None, beyond their form). Raw HTML is no problem: it is shown as typed."""
    messages: list[str] = []
    for number, line in enumerate(_scrub(text).split("\n"), start=1):
        kind, content = _classify(line)
        if kind == HEADING and not content:
            messages.append(
                _("Regel %(line)s: Een kop (###) heeft een titel nodig, zoals ### Aanpak.")
                % {"line": number}
            )
        issues: list[str] = []
        for inline in _scan(content, issues):
            if inline.kind == LINK and not (
                _ANCHOR.fullmatch(inline.target) and (anchors is None or inline.target in anchors)
            ):
                messages.append(
                    _(
                        "Regel %(line)s: De link naar #%(anchor)s wijst niet naar een hoofdstuk "
                        "of paragraaf van dit rapport."
                    )
                    % {"line": number, "anchor": inline.target}
                )
        for issue in issues:
            if issue == _EXTERNAL_LINK:
                message = _(
                    "Regel %(line)s: Een link kan alleen naar een hoofdstuk of paragraaf van dit "
                    "rapport, zoals [zie hoofdstuk 5](#hoofdbevindingen)."
                )
            elif issue == _OPEN_FOOTNOTE:
                message = _(
                    "Regel %(line)s: Een voetnoot die met [^ begint, moet op dezelfde regel "
                    "eindigen met ]."
                )
            else:
                message = _(
                    "Regel %(line)s: Een voetnoot is leeg; schrijf de tekst tussen [^ en ]."
                )
            messages.append(message % {"line": number})
    # The same message twice on one line says nothing new.
    return list(dict.fromkeys(messages))


# --- Numbering (by the report) -----------------------------------------------------------------


def _runs(block: Block) -> tuple[tuple[Inline, ...], ...]:
    """A block's runs of inlines in reading order: its inlines, or one run per item."""
    return (block.inlines,) if block.kind in (PARAGRAPH, HEADING) else block.items


def footnotes(blocks: tuple[Block, ...]) -> list[Inline]:
    """The footnote inlines in reading order (for the footnote list under a section)."""
    return [
        inline
        for block in blocks
        for run in _runs(block)
        for inline in run
        if inline.kind == FOOTNOTE
    ]


def number_footnotes(blocks: tuple[Block, ...], *, start: int = 1) -> tuple[tuple[Block, ...], int]:
    """The blocks with their footnotes numbered in reading order from `start`, and the next
    free number: the report numbers footnotes through all its sections, so the next section
    starts where this one ended."""
    number = start

    def renumber(run: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nonlocal number
        out = []
        for inline in run:
            if inline.kind == FOOTNOTE:
                inline = replace(inline, number=number)
                number += 1
            out.append(inline)
        return tuple(out)

    numbered = []
    for block in blocks:
        if block.kind in (PARAGRAPH, HEADING):
            numbered.append(replace(block, inlines=renumber(block.inlines)))
        else:
            numbered.append(replace(block, items=tuple(renumber(item) for item in block.items)))
    return tuple(numbered), number


def number_headings(
    blocks: tuple[Block, ...], *, prefix: str, anchor_prefix: str
) -> tuple[Block, ...]:
    """The blocks with their headings numbered within the section: "6.1" gives 6.1.1, 6.1.2,
    ... and anchors "{anchor_prefix}-1", "-2", ... that links can point at."""
    numbered = []
    count = 0
    for block in blocks:
        if block.kind == HEADING:
            count += 1
            block = replace(block, number=f"{prefix}.{count}", anchor=f"{anchor_prefix}-{count}")
        numbered.append(block)
    return tuple(numbered)


# --- Rendering ---------------------------------------------------------------------------------

_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_FOOTNOTE_STYLES = frozenset({"ref", "float"})


def _inline_html(inline: Inline, footnote_style: str) -> str:
    text = escape(inline.text)
    if inline.kind == BREAK:
        return "<br>"
    if inline.kind == EMPHASIS:
        return f"<em>{text}</em>"
    if inline.kind == STRONG:
        return f"<strong>{text}</strong>"
    if inline.kind == LINK:
        # Only an anchor of this report, whatever the blocks were built from.
        if _ANCHOR.fullmatch(inline.target):
            return f'<a href="#{inline.target}">{text}</a>'
        return text
    if inline.kind == FOOTNOTE:
        if footnote_style == "float":
            # WeasyPrint places it at the foot of the page (CSS `float: footnote`) and numbers it.
            return f'<span class="footnote">{text}</span>'
        if inline.number < 1:
            # Every unnumbered footnote would point at the same "voetnoot-0".
            raise ValueError("Number the footnotes (number_footnotes) before rendering refs.")
        n = inline.number
        return (
            f'<sup><a href="#voetnoot-{n}" id="voetnoot-ref-{n}" class="footnote-ref">{n}</a></sup>'
        )
    return text  # TEXT, and any kind this renderer does not know, as text


def _run_html(run: tuple[Inline, ...], footnote_style: str) -> str:
    return "".join(_inline_html(inline, footnote_style) for inline in run)


def to_html(
    blocks: tuple[Block, ...], *, footnotes: str = "ref", heading_tag: str = "h4"
) -> SafeString:
    """The blocks as HTML, every text escaped. `footnotes` is "ref" (a numbered reference to
    the footnote list, for the web page and Word) or "float" (the text in place, for the PDF
    where WeasyPrint moves it to the foot of the page)."""
    if footnotes not in _FOOTNOTE_STYLES:
        raise ValueError(f"footnotes must be one of {sorted(_FOOTNOTE_STYLES)}")
    if heading_tag not in _HEADING_TAGS:
        raise ValueError(f"heading_tag must be one of {sorted(_HEADING_TAGS)}")
    parts = []
    for block in blocks:
        if block.kind == HEADING:
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            number = (
                f'<span class="uwv-number">{escape(block.number)}</span> ' if block.number else ""
            )
            inner = _run_html(block.inlines, footnotes)
            parts.append(f'<{heading_tag}{anchor} class="uwv-h3">{number}{inner}</{heading_tag}>')
        elif block.kind in (BULLETS, NUMBERS):
            tag = "ul" if block.kind == BULLETS else "ol"
            items = "".join(f"<li>{_run_html(item, footnotes)}</li>" for item in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif block.kind == QUOTE:
            paragraphs = "".join(f"<p>{_run_html(p, footnotes)}</p>" for p in block.items)
            parts.append(f'<blockquote class="uwv-quote">{paragraphs}</blockquote>')
        else:
            parts.append(f"<p>{_run_html(block.inlines, footnotes)}</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text above went through escape()


def _run_text(run: tuple[Inline, ...]) -> str:
    out = []
    for inline in run:
        if inline.kind == BREAK:
            out.append("\n")
        elif inline.kind == FOOTNOTE:
            # The reference mark as the reader sees it; the text sits in the footnote list.
            out.append(f"[{inline.number}]" if inline.number else "")
        else:
            out.append(inline.text)
    return "".join(out)


def plain_text(blocks: tuple[Block, ...]) -> str:
    """The text without markup: blocks, list items and quote paragraphs one per line, a
    heading with its number, footnotes as "[n]" (once numbered). For comparing the texts of
    the HTML, PDF and Word renderings."""
    lines = []
    for block in blocks:
        if block.kind == HEADING:
            text = _run_text(block.inlines)
            lines.append(f"{block.number} {text}" if block.number else text)
        elif block.kind == PARAGRAPH:
            lines.append(_run_text(block.inlines))
        else:
            lines.extend(_run_text(item) for item in block.items)
    return "\n".join(lines)


def link_targets(blocks) -> list[str]:
    """The anchors the links in `blocks` point at, in order (for a check that they still
    exist)."""
    targets = []
    for block in blocks:
        for run in (block.inlines, *block.items):
            targets += [inline.target for inline in run if inline.kind == LINK]
    return targets
