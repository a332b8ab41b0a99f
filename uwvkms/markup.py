"""The small, safe markup in which the coordination team writes the UWV-wide report's sections
(issue 18): paragraphs, headings within a section, lists, emphasis, block quotes, footnotes and
links within the report. Text is parsed into plain, immutable blocks that HTML, PDF and Word
render alike; nothing the team types is ever emitted as HTML.

The syntax (one construct per line start, as in a plain-text e-mail):

- a blank line separates paragraphs; a single line break stays a line break;
- `### Titel` is a heading within the section (numbered by the report, e.g. 6.1.1);
- lines starting with `- ` (or `* `) form a bulleted list, `1. ` a numbered list;
- lines starting with `> ` form a block quote (a blank `>` line separates its paragraphs);
- `*cursief*` and `**vet**` (not nested);
- `[^tekst van de voetnoot]` is a footnote, numbered by the report in reading order;
- `[tekst](#anker)` links to a chapter or section of the same report, never elsewhere.
"""

import re
import unicodedata
from dataclasses import dataclass

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
