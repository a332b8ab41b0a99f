"""The dossiers of an action through the API: the list (filters, pagination, money as decimal
strings, a fixed number of queries) and the bulk import as a JSON list or a CSV body, through
the same import service as the web upload: BSN refusal, amount rules, re-import by reference
with the change history, all rows or none, and every bad row named with its index or line."""

import pytest

from herstel.constants import GoOutcome
from herstel.models import Dossier, DossierChange, DossierImport, DossierSnapshot
from tests.api.conftest import assert_problem
from tests.herstel.flow import HEADER, csv_bytes, go, import_rows, row, start, to_execution
from uwvkms.models import AuditEvent


@pytest.fixture
def action(db, adviser):
    return start(adviser)


@pytest.fixture
def executing(action, adviser, dt_member, board_member):
    """`action` in step 3 with a "go": dossier work may start."""
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    action.refresh_from_db()
    return action


def url(action) -> str:
    return f"/api/v1/herstelacties/{action.pk}/dossiers/"


def nothing_stored() -> bool:
    return not (
        Dossier.objects.exists()
        or DossierImport.objects.exists()
        or DossierChange.objects.exists()
        or DossierSnapshot.objects.exists()
    )


ROWS = [
    {"reference": "HA-0001", "status": "te_beoordelen"},
    {
        "reference": "HA-0002",
        "status": "beoordeeld",
        "outcome": "nabetalen",
        "paid": "0.00",
        "to_pay": "1250.00",
        "recovered": "0",
        "written_off": None,
    },
    {
        "reference": "HA-0003",
        "status": "afgehandeld",
        "outcome": "terugvorderen",
        "recovered": "310.45",
        "written_off": "0.05",
    },
]


def test_a_json_list_is_imported(api_client_for, adviser, executing):
    response = api_client_for(adviser).post(url(executing), ROWS, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body | {"id": 0, "imported_at": ""} == {
        "id": 0,
        "source": "json",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "imported_by": str(adviser),
        "imported_at": "",
    }
    dossiers = {d.reference: d for d in Dossier.objects.filter(herstelactie=executing)}
    assert dossiers["HA-0002"].to_pay_cents == 125000
    assert dossiers["HA-0003"].recovered_cents == 31045
    assert dossiers["HA-0003"].written_off_cents == 5
    assert dossiers["HA-0001"].outcome == ""
    record = DossierImport.objects.get(pk=body["id"])
    assert record.imported_by == adviser and record.file_name == "api.json"
    assert DossierSnapshot.objects.filter(herstelactie=executing).count() == 1
    assert AuditEvent.objects.filter(event="herstel.dossiers.imported").count() == 1


def test_a_csv_body_in_the_template_format_is_imported(api_client_for, adviser, executing):
    data = csv_bytes(
        [
            row("C-1"),
            row("C-2", "beoordeeld", "nabetalen", "0", "1250,00", "0", "0"),
            row("C-3", "afgehandeld", "geen wijziging", "0", "0", "0", "0"),
        ]
    )
    response = api_client_for(adviser).post(
        url(executing), data, content_type="text/csv; charset=utf-8"
    )
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "csv" and response.json()["created"] == 3
    assert Dossier.objects.get(reference="C-2").to_pay_cents == 125000


def test_a_reimport_updates_by_reference_with_history(api_client_for, adviser, executing):
    client = api_client_for(adviser)
    client.post(url(executing), ROWS, format="json")
    again = [
        ROWS[0] | {"status": "beoordeeld", "outcome": "nabetalen", "to_pay": "10.00"},
        ROWS[1],
        {"reference": "HA-0004", "status": "te_beoordelen"},
    ]
    response = client.post(url(executing), again, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (1, 1, 1)
    first = Dossier.objects.get(reference="HA-0001")
    assert first.status == "beoordeeld" and first.to_pay_cents == 1000 and first.version == 2
    change = DossierChange.objects.get(dossier=first)
    assert change.changes["to_pay"] == [0, 1000]
    assert change.dossier_import_id == body["id"] and change.changed_by == adviser
    assert Dossier.objects.filter(herstelactie=executing).count() == 4


def test_every_bad_json_row_is_named_and_nothing_is_stored(api_client_for, adviser, executing):
    rows = [
        ROWS[0],
        {"reference": "111222333", "status": "te_beoordelen"},  # passes the elfproef: a BSN
        {"reference": "N-1", "status": "beoordeeld", "outcome": "nabetalen", "paid": "-5.00"},
        {"reference": "N-2", "status": "beoordeeld", "outcome": "nabetalen", "paid": 12.5},
        # consistent in shape, refused by the service's rules: a payment is not recovered
        {"reference": "N-3", "status": "beoordeeld", "outcome": "nabetalen", "recovered": "1.00"},
        {"reference": "N-4", "status": "klaar", "bsn": "x"},
        "HA-0009",
        {"reference": "HA-0001", "status": "te_beoordelen"},  # the same reference again
        {"reference": "N-5", "status": "afgehandeld", "outcome": "nabetalen", "to_pay": "1.00"},
    ]
    body = assert_problem(api_client_for(adviser).post(url(executing), rows, format="json"), 400)
    names = [p["name"] for p in body["invalidParams"]]
    assert names == [
        "[1]",  # refused by the service's BSN check, like an upload
        "[2].paid",
        "[3].paid",
        "[4]",
        "[5].bsn",
        "[5].status",
        "[6]",
        "[7].reference",
        "[8]",
    ]
    reasons = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert "BSN" in reasons["[1]"]
    assert "nul of meer" in reasons["[2].paid"]
    assert '"1234.50"' in reasons["[3].paid"]
    assert "teruggevorderd" in reasons["[4]"]
    assert "index 0" in reasons["[7].reference"]
    assert "nog te betalen" in reasons["[8]"]
    assert nothing_stored()


def test_rows_refused_only_by_the_service_are_named_by_index(api_client_for, adviser, executing):
    rows = [
        ROWS[0],
        {"reference": "S-1", "status": "te_beoordelen", "outcome": "nabetalen"},
        ROWS[1],
        {"reference": "S-2", "status": "afgehandeld", "outcome": "geen_wijziging", "paid": "1"},
    ]
    body = assert_problem(api_client_for(adviser).post(url(executing), rows, format="json"), 400)
    assert [p["name"] for p in body["invalidParams"]] == ["[1]", "[3]"]
    assert nothing_stored()


def test_every_bad_csv_line_is_named_and_nothing_is_stored(api_client_for, adviser, executing):
    data = csv_bytes(
        [
            row("C-1"),
            row("1112.22.333"),  # a grouped BSN
            row("C-3", "beoordeeld", "nabetalen", "-1", "0", "0", "0"),
            row("C-4", "beoordeeld", "nabetalen", "1,234", "0", "0", "0"),
            row("C-1"),
        ]
    )
    response = api_client_for(adviser).post(url(executing), data, content_type="text/csv")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == ["line 3", "line 4", "line 5", "line 6"]
    assert "BSN" in body["invalidParams"][0]["reason"]
    assert nothing_stored()


def test_a_csv_with_personal_data_columns_is_refused(api_client_for, adviser, executing):
    data = csv_bytes([[*row("HA-1"), "Jan"]], header=[*HEADER, "naam"])
    body = assert_problem(
        api_client_for(adviser).post(url(executing), data, content_type="text/csv"), 400
    )
    assert body["invalidParams"][0]["name"] == "line 1"
    assert "persoonsgegevens" in body["invalidParams"][0]["reason"]
    assert nothing_stored()


@pytest.mark.parametrize(
    ("payload", "content_type", "status"),
    [
        ({"reference": "HA-1", "status": "te_beoordelen"}, "application/json", 400),
        ([], "application/json", 400),
        (b"[{", "application/json", 400),
        (b"", "text/csv", 400),
        (b"referentie;status\nHA-1;te beoordelen\n", "text/csv", 400),  # missing columns
        (b"\x00\x01binary", "text/csv", 400),
        (b"referentie", "text/plain", 415),
    ],
)
def test_a_bad_body_is_refused(api_client_for, adviser, executing, payload, content_type, status):
    client = api_client_for(adviser)
    if isinstance(payload, bytes):
        response = client.post(url(executing), payload, content_type=content_type)
    else:
        response = client.post(url(executing), payload, format="json")
    assert_problem(response, status)
    assert nothing_stored()


def test_a_body_over_the_limit_answers_413(api_client_for, adviser, executing, settings):
    settings.IMPORT_MAX_BODY_BYTES = 1000
    response = api_client_for(adviser).post(url(executing), ROWS * 20, format="json")
    assert_problem(response, 413)
    assert nothing_stored()


def test_a_large_json_body_is_not_held_to_djangos_form_limit(
    api_client_for, adviser, executing, settings
):
    """Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB) when `request.body` is
    read; 100,000 dossiers are far more, so the API's parser reads the stream under its own
    limit (IMPORT_MAX_BODY_BYTES) instead."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    rows = [{"reference": f"G-{n:04d}", "status": "te_beoordelen"} for n in range(100)]
    response = api_client_for(adviser).post(url(executing), rows, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 100


def test_no_import_outside_step_3(api_client_for, adviser, action):
    body = assert_problem(api_client_for(adviser).post(url(action), ROWS, format="json"), 409)
    assert "Stap 1" in body["detail"]
    assert nothing_stored()


def test_no_go_means_no_import(api_client_for, adviser, executing):
    go(executing, adviser, outcome=GoOutcome.NO_GO)
    body = assert_problem(api_client_for(adviser).post(url(executing), ROWS, format="json"), 409)
    assert "go-besluit" in body["detail"]
    assert nothing_stored()


def test_the_list_filters_and_paginates(api_client_for, adviser, executing):
    import_rows(
        executing,
        adviser,
        [
            row("L-1"),
            row("L-2", "beoordeeld", "nabetalen", "0", "0,10", "0", "0"),
            row("L-3", "afgehandeld", "afboeken", "0", "0", "0", "99999,99"),
        ],
    )
    client = api_client_for(adviser)
    body = client.get(url(executing)).json()
    assert [d["reference"] for d in body["results"]] == ["L-1", "L-2", "L-3"]
    second = body["results"][1]
    assert second["to_pay"] == "0.10" and second["paid"] == "0.00"
    assert second["outcome"] == "nabetalen" and body["results"][0]["outcome"] is None
    assert body["results"][2]["written_off"] == "99999.99"

    def refs(query):
        return [d["reference"] for d in client.get(url(executing) + query).json()["results"]]

    assert refs("?status=afgehandeld") == ["L-3"]
    assert refs("?outcome=nabetalen") == ["L-2"]
    assert refs("?reference=l-") == ["L-1", "L-2", "L-3"]
    assert refs("?page_size=1&page=2") == ["L-2"]
    assert_problem(client.get(url(executing) + "?status=weg"), 400)
    assert_problem(client.get(url(executing) + "?page=99"), 404)


def test_the_list_reads_in_a_fixed_number_of_queries(
    api_client_for, adviser, executing, django_assert_max_num_queries
):
    import_rows(executing, adviser, [row("Q-1")])
    client = api_client_for(adviser)
    client.get(url(executing))
    with django_assert_max_num_queries(10) as few:
        client.get(url(executing))
    import_rows(executing, adviser, [row(f"Q-{n}") for n in range(2, 300)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url(executing) + "?page_size=500").json()
    assert body["count"] == 299 and len(body["results"]) == 299
