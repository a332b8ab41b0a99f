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
