"""The pure rules of dossiers (herstel/dossier_rules.py), table-driven: the BSN elfproef and what looks
like a BSN, amounts in euros as whole cents, the header of an import file, one row, and the
consistency of status, outcome and amounts."""

from decimal import Decimal

import pytest

from herstel.constants import DossierColumn
from herstel.dossier_rules import (
    AmountError,
    DossierValues,
    dossier_changes,
    dossier_columns,
    dossier_from_row,
    dossier_problems,
    initial_values,
    looks_like_bsn,
    parse_amount,
    parse_outcome,
    parse_status,
    passes_elfproef,
    reference_problems,
)
from herstel.money import cents_of, divide_half_up, euros


@pytest.mark.parametrize(
    ("digits", "passes"),
    [
        ("111222333", True),  # 9+8+7+12+10+8+9+6-3 = 66 = 6 × 11
        ("123456782", True),
        ("999999990", True),
        ("000000000", True),  # passes the sum; refused too, as a BSN-like value
        ("123456789", False),
        ("111222334", False),
        ("12345678", False),  # eight digits: not a BSN as such
        ("1234567890", False),
        ("12345678a", False),
        ("", False),
    ],
)
def test_elfproef(digits, passes):
    assert passes_elfproef(digits) is passes


@pytest.mark.parametrize(
    ("value", "looks"),
    [
        ("111222333", True),
        (" 111222333 ", True),
        (111222333, True),  # a spreadsheet number
        (111222333.0, True),
        ("1112.22.333", True),  # written as 4-2-3 with dots
        ("111 222 333", True),  # 3-3-3 with spaces
        ("111-222-333", True),
        ("RK-111222333", True),  # nine digits inside a reference
        ("111222333/2", True),
        ("12345672", True),  # 012345672 passes: the leading zero a spreadsheet drops
        ("123456789", False),  # nine digits that fail the elfproef
        ("RK-2025-000123", False),
        ("1112223330", False),  # ten digits: a longer number, not a BSN
        ("1234567.89", False),  # an amount with a decimal point
        ("1234567,89", False),
        ("1112.22-333", False),  # mixed separators
        ("HA-0001", False),
        ("te beoordelen", False),
        ("", False),
        (None, False),
    ],
)
def test_what_looks_like_a_bsn(value, looks):
    assert looks_like_bsn(value if value is not None else "") is looks


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        ("", 0),
        (None, 0),
        ("0", 0),
        ("1234", 123400),
        ("1234,5", 123450),
        ("1234,56", 123456),
        ("1234.56", 123456),
        ("0,01", 1),
        (" € 12,30 ", 1230),
        ("€\u00a012", 1200),
        (1234, 123400),
        (1234.5, 123450),
        (0.1 + 0.2, 30),  # a spreadsheet formula's binary noise is that cent
        (Decimal("19.99"), 1999),
        ("999999999999,99", 99999999999999),
    ],
)
def test_amounts_read_as_whole_cents(value, cents):
    assert parse_amount(value) == cents


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "Een bedrag is nul of meer"),
        (-5, "Een bedrag is nul of meer"),
        ("1.234", "zonder duizendtaltekens"),  # thousands dot or three decimals: not guessed
        ("1.234,56", "zonder duizendtaltekens"),
        ("1,234.56", "zonder duizendtaltekens"),
        ("12,345", "zonder duizendtaltekens"),
        ("twaalf", "is geen bedrag"),
        (12.345, "meer dan twee decimalen"),
        (True, "is geen bedrag"),
        ("1000000000000", "groter dan een dossier"),
    ],
)
def test_amounts_refused_with_a_reason(value, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(value)


@pytest.mark.parametrize(
    ("cents", "euro"),
    [(0, Decimal("0.00")), (1, Decimal("0.01")), (123456, Decimal("1234.56")), (None, None)],
)
def test_cents_and_euros_convert_exactly(cents, euro):
    assert euros(cents) == euro
    assert cents_of(euro) == cents


def test_cents_of_refuses_a_third_decimal():
    with pytest.raises(ValueError, match="two decimals"):
        cents_of(Decimal("1.005"))


@pytest.mark.parametrize(
    ("numerator", "denominator", "result"),
    [
        (10, 4, 3),
        (9, 4, 2),
        (1, 2, 1),
        (1, 3, 0),
        (2, 3, 1),
        (0, 5, 0),
        (10**15 + 1, 2, 5 * 10**14 + 1),
    ],
)
def test_division_rounds_half_up(numerator, denominator, result):
    assert divide_half_up(numerator, denominator) == result


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("te beoordelen", "te_beoordelen"),
        ("Te Beoordelen", "te_beoordelen"),
        ("te_beoordelen", "te_beoordelen"),
        ("  beoordeeld ", "beoordeeld"),
        ("AFGEHANDELD", "afgehandeld"),
    ],
)
def test_statuses_as_written(text, status):
    assert parse_status(text) == status


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("", ""),
        (None, ""),
        ("nabetalen", "nabetalen"),
        ("Geen wijziging", "geen_wijziging"),
        ("geen_wijziging", "geen_wijziging"),
        ("AFBOEKEN", "afboeken"),
    ],
)
def test_outcomes_as_written(text, outcome):
    assert parse_outcome(text) == outcome


def test_unknown_status_and_outcome_name_the_choices():
    with pytest.raises(ValueError, match="te beoordelen, beoordeeld, afgehandeld"):
        parse_status("klaar")
    with pytest.raises(ValueError, match="nabetalen, terugvorderen, afboeken, geen wijziging"):
        parse_outcome("betalen")


V = DossierValues


@pytest.mark.parametrize(
    ("values", "problems"),
    [
        (V("A", "te_beoordelen", ""), []),
        (V("A", "te_beoordelen", "nabetalen"), ["nog geen uitkomst"]),
        (V("A", "te_beoordelen", "", paid=1), ["nog geen bedragen"]),
        (V("A", "beoordeeld", ""), ["Een beoordeeld dossier heeft een uitkomst."]),
        (V("A", "afgehandeld", ""), ["Een afgehandeld dossier heeft een uitkomst."]),
        (V("A", "beoordeeld", "nabetalen", to_pay=100), []),
        (V("A", "afgehandeld", "nabetalen", paid=100), []),
        (V("A", "beoordeeld", "nabetalen", paid=1, recovered=1), ["“teruggevorderd”"]),
        (V("A", "beoordeeld", "nabetalen", written_off=1), ["“afgeboekt”"]),
        (V("A", "beoordeeld", "terugvorderen", recovered=5, written_off=5), []),
        (V("A", "beoordeeld", "terugvorderen", paid=1), ["“nabetaald”"]),
        (V("A", "beoordeeld", "afboeken", recovered=5, written_off=5), []),
        (V("A", "beoordeeld", "afboeken", to_pay=5), ["“nog te betalen”"]),
        (V("A", "afgehandeld", "geen_wijziging"), []),
        (
            V("A", "afgehandeld", "geen_wijziging", paid=1, written_off=1),
            ["“nabetaald”, “afgeboekt”"],
        ),
        (V("A", "afgehandeld", "nabetalen", paid=5, to_pay=5), ["niets meer “nog te betalen”"]),
    ],
)
def test_dossier_consistency(values, problems):
    found = dossier_problems(values)
    assert len(found) == len(problems)
    for message, expected in zip(found, problems, strict=True):
        assert expected in message


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("HA-0001", None),
        ("2025/UIT/12.a_b", None),
        ("", "ontbreekt"),
        ("Jan Jansen", "geen spaties"),
        ("-abc", "alleen letters"),
        ("x" * 65, "hoogstens 64"),
        ("111222333", "lijkt op een BSN"),
        ("D-1112.22.333", None),  # grouped with a prefix: not the grouped form, no 9-digit run
    ],
)
def test_references_are_pseudonyms(reference, problem):
    found = reference_problems(reference)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]


@pytest.mark.parametrize(
    ("headers", "problems"),
    [
        (DossierColumn.values, []),
        (list(reversed(DossierColumn.values)), []),  # any order
        ([c.upper() for c in DossierColumn.values], []),
        (["Nog te betalen" if c == "nog_te_betalen" else c for c in DossierColumn.values], []),
        ([*DossierColumn.values, "", None], []),  # trailing empty cells
        ([*DossierColumn.values, "BSN"], ["Kolom “BSN” is niet toegestaan"]),
        ([*DossierColumn.values, "Burgerservicenummer"], ["niet toegestaan"]),
        ([*DossierColumn.values, "naam"], ["niet toegestaan"]),
        ([*DossierColumn.values, "geboortedatum"], ["niet toegestaan"]),
        ([*DossierColumn.values, "opmerking"], ["hoort niet in het sjabloon"]),
        ([*DossierColumn.values, "111222333"], ["lijkt op een BSN"]),
        ([*DossierColumn.values, "status"], ["twee keer"]),
        (DossierColumn.values[:5], ["Ontbrekende kolommen: teruggevorderd, afgeboekt."]),
    ],
)
def test_the_header_row(headers, problems):
    found = dossier_columns(headers).problems
    assert len(found) == len(problems), found
    for message, expected in zip(found, problems, strict=True):
        assert expected in message


COLUMNS = dossier_columns(DossierColumn.values).positions


@pytest.mark.parametrize(
    ("row", "values", "problems"),
    [
        (["HA-1", "te beoordelen", "", "", "", "", ""], V("HA-1", "te_beoordelen", ""), []),
        (["HA-1", "te beoordelen"], V("HA-1", "te_beoordelen", ""), []),  # short row
        (
            ["HA-2", "beoordeeld", "nabetalen", "0", "1250,00", "0", "0"],
            V("HA-2", "beoordeeld", "nabetalen", to_pay=125000),
            [],
        ),
        (
            ["HA-3", "afgehandeld", "terugvorderen", 0, 0, 310.45, 0],  # spreadsheet numbers
            V("HA-3", "afgehandeld", "terugvorderen", recovered=31045),
            [],
        ),
        (
            ["HA-4", "klaar", "betalen", "x", "", "", "-1"],
            None,
            ["Onbekende status", "Onbekende uitkomst", "Nabetaald", "Afgeboekt"],
        ),
        (["111222333", "te beoordelen", "", "", "", "", ""], None, ["lijkt op een BSN"]),
        (["HA-5", "te beoordelen", "", "", "", "", "", "111 222 333"], None, ["lijkt op een BSN"]),
        (["HA-6", "te beoordelen", "", "", "", "", "", "extra"], None, ["kolom zonder kop"]),
        (["HA-7", "te beoordelen", "", 111222333, "", "", ""], None, ["lijkt op een BSN"]),
        (["HA-8", "beoordeeld", "", "", "", "", ""], None, ["heeft een uitkomst"]),
        (["", "te beoordelen", "", "", "", "", ""], None, ["De referentie ontbreekt."]),
    ],
)
def test_one_row(row, values, problems):
    found_values, found = dossier_from_row(row, COLUMNS)
    assert found_values == values
    assert len(found) == len(problems), found
    for message, expected in zip(found, problems, strict=True):
        assert expected in message


def test_changes_and_the_first_values_of_a_dossier():
    first = V("HA-1", "te_beoordelen", "")
    second = V("HA-1", "beoordeeld", "nabetalen", to_pay=500)
    third = V("HA-1", "afgehandeld", "nabetalen", paid=500)
    changes = [dossier_changes(first, second), dossier_changes(second, third)]
    assert changes == [
        {
            "status": ["te_beoordelen", "beoordeeld"],
            "outcome": ["", "nabetalen"],
            "to_pay": [0, 500],
        },
        {"status": ["beoordeeld", "afgehandeld"], "paid": [0, 500], "to_pay": [500, 0]},
    ]
    assert dossier_changes(third, third) == {}
    current = {"status": "afgehandeld", "outcome": "nabetalen", "paid": 500, "to_pay": 0}
    assert initial_values(current, changes) == {
        "status": "te_beoordelen",
        "outcome": "",
        "paid": 0,
        "to_pay": 0,
    }
