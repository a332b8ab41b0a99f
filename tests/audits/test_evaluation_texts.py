"""The module-level texts of the evaluation services are lazy (review of issue 21 §6): made at
import they would be fixed in the language active then, not translated per request."""

import pytest
from django.utils.functional import Promise

from audits.services import evaluation


@pytest.mark.parametrize("name", ["HOURS_WHAT", "LESSON_WHAT"])
def test_the_what_texts_are_translated_when_used(name):
    text = getattr(evaluation, name)
    assert isinstance(text, Promise)
    assert str(text).startswith("Deze ")
