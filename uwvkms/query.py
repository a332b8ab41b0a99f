"""Whole numbers from a query string, read strictly: one rule for the pages and the API.

Python is too generous for a URL: `int()` also reads "١" (an Arabic-Indic one), " 1" and
"1_0", and `str.isdigit()` says yes to "²", which `int()` then refuses (a 500). A number too
large for the database's integer column makes the query itself fail. So a query string's number
is ASCII digits only, within bounds the caller states.
"""

import re

# ASCII digits only (`\d` would match other scripts' digits too); 18 of them fit in 64 bits.
_DIGITS = re.compile(r"[0-9]{1,18}")
# The largest value of a 32-bit integer column: any id or count the app filters on.
INT_MAX = 2_147_483_647


def parse_int(raw: object, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """The whole number `raw` spells in ASCII digits, if it lies within minimum…maximum; None
    for anything else (empty, a sign, spaces, a decimal point or exponent, other digits, too
    large)."""
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None
