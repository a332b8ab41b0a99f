"""The rules of a comment thread (issue 21 §4) as pure functions: only the author changes a
comment, only within 15 minutes of posting and not once withdrawn; `@username` mentions."""

import datetime

import pytest

from uwvkms.comments import EDIT_WINDOW, comment_edit_refusal, mentioned_usernames

POSTED = datetime.datetime(2031, 3, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("is_author", "withdrawn", "minutes_later", "allowed", "why"),
    [
        (True, False, 0, True, ""),
        (True, False, 14, True, ""),
        (True, False, 15, True, ""),  # the fifteenth minute still counts
        (True, False, 15.01, False, "15 minuten"),
        (True, False, 60 * 24, False, "15 minuten"),
        (False, False, 1, False, "Alleen wie een reactie schreef"),
        (False, False, 30, False, "Alleen wie een reactie schreef"),
        (True, True, 1, False, "ingetrokken"),
    ],
)
def test_only_the_author_edits_within_fifteen_minutes(
    is_author, withdrawn, minutes_later, allowed, why
):
    refusal = comment_edit_refusal(
        is_author=is_author,
        withdrawn=withdrawn,
        posted_at=POSTED,
        now=POSTED + datetime.timedelta(minutes=minutes_later),
    )
    assert (refusal == "") is allowed
    assert why in refusal


def test_the_window_is_fifteen_minutes():
    assert datetime.timedelta(minutes=15) == EDIT_WINDOW


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", []),
        ("Geen vermelding.", []),
        ("@bram kun je kijken?", ["bram"]),
        ("Eens met @bram.", ["bram"]),
        ("@anouk.toetser en @bram, wat vinden jullie?", ["anouk.toetser", "bram"]),
        ("@Bram en nog eens @bram", ["Bram"]),  # once, case-insensitively
        ("mail naar bram@uwv.nl", []),  # an e-mail address is no mention
        ("(@bram)", ["bram"]),
        ("@ alleen een apenstaartje", []),
        ("regel\n@co-ordinator_1!", ["co-ordinator_1"]),
    ],
)
def test_mentions_are_at_usernames(text, names):
    assert mentioned_usernames(text) == names
