"""The central overview and its export with a division in the query string that is not an id
("²", other scripts' digits, a sign, too large): the filter is ignored, never a 500."""

import pytest
from django.urls import reverse

from tests.herstel.flow import start

BAD = ["²", "١", "-1", "1e3", " 1", "99999999999999999999", "1.0", "abc"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def two_actions(adviser, other_adviser):
    return [start(adviser, title="Van Uitkeren"), start(other_adviser, title="Van Handhaving")]


def _titles(response) -> set[str]:
    return {row.action.title for row in response.context["view"].rows}


@pytest.mark.parametrize("bad", BAD)
def test_a_bad_division_is_ignored(client, fez_adviser, two_actions, bad):
    client.force_login(fez_adviser)
    response = client.get(reverse("herstel:overview"), {"divisie": bad})
    assert response.status_code == 200
    assert _titles(response) == {"Van Uitkeren", "Van Handhaving"}


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_bad_division_is_ignored_in_the_export(
    client, fez_adviser, two_actions, bad, file_format
):
    client.force_login(fez_adviser)
    url = reverse("herstel:overview_export", args=[file_format])
    assert client.get(url, {"divisie": bad}).status_code == 200


def test_an_id_in_other_digits_is_not_read_as_that_id(client, fez_adviser, two_actions, handhaving):
    client.force_login(fez_adviser)
    url = reverse("herstel:overview")
    assert _titles(client.get(url, {"divisie": str(handhaving.pk)})) == {"Van Handhaving"}
    other_digits = str(handhaving.pk).translate(ARABIC_INDIC)
    assert _titles(client.get(url, {"divisie": other_digits})) == {"Van Uitkeren", "Van Handhaving"}
