"""Views of the unit reports: the list per cycle, the report page, its PDF (one view-model,
one template) and its Word file (the same view-model), the status moves and the board's management response. Thin: access through
`findings.selectors.unit_reports`, rules in the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.constants import DOCX_CONTENT_TYPE, ResponseStatus, UnitReportStatus
from findings.forms.unit_reports import MoveForm, ResponseAction, ResponseForm
from findings.report.pdf import html_to_pdf
from findings.report.unit import build_unit_report, render_unit_report_html
from findings.selectors import unit_reports as selectors
from findings.services.responses import AnswerData, management_response_save
from findings.services.unit_reports import unit_report_move
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.security import record_download

MOVE_LABELS = {
    UnitReportStatus.AFGESTEMD: gettext_lazy("Afgestemd met de directie"),
    UnitReportStatus.DEFINITIEF: gettext_lazy("Definitief maken"),
    UnitReportStatus.CONCEPT: gettext_lazy("Terug naar concept"),
}
MOVE_HELP = {
    UnitReportStatus.AFGESTEMD: gettext_lazy(
        "Leg vast wanneer en met wie van de directie het rapport is afgestemd. Daarna liggen de "
        "bevindingen vast en kan de directie haar managementreactie geven."
    ),
    UnitReportStatus.DEFINITIEF: gettext_lazy(
        "Een definitief rapport ligt vast; ook de Raad van Bestuur kan het dan lezen."
    ),
    UnitReportStatus.CONCEPT: gettext_lazy(
        "Terug naar concept maakt de bevindingen weer te wijzigen; de afstemming vervalt en moet "
        "opnieuw."
    ),
}


def unit_report_list(request, year: int):
    cycle, rows = selectors.unit_reports_for_user(user=request.user, year=year)
    return render(request, "findings/unit/list.html", {"cycle": cycle, "rows": rows})


def _document(access: selectors.UnitReportAccess):
    return build_unit_report(
        cycle=access.cycle, unit=access.unit, report=access.report, principles=access.principles
    )


def unit_report(request, year: int, unit_id: int):
    access = selectors.unit_report_get_for_reader(user=request.user, year=year, unit_id=unit_id)
    return render(
        request,
        "findings/unit/report_page.html",
        {
            "access": access,
            "document": _document(access),
            "for_pdf": False,
            "moves": [(to, MOVE_LABELS[to]) for to in access.moves],
            "history": selectors.report_status_history(access),
        },
    )


def unit_report_pdf(request, year: int, unit_id: int):
    access = selectors.unit_report_get_for_reader(user=request.user, year=year, unit_id=unit_id)
    pdf = html_to_pdf(render_unit_report_html(_document(access), for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(access.unit.abbreviation or access.unit.name)
    response["Content-Disposition"] = f'attachment; filename="rapport-{name}-{year}.pdf"'
    return record_download(request, response, target=access.report or access.unit, what="rapport")


def unit_report_docx(request, year: int, unit_id: int):
    """The report as a Word file, for whoever may read the page and the PDF (the same getter)."""
    # python-docx is imported only here: most requests never write a Word file.
    from findings.report.unit_word import render_unit_report_docx

    access = selectors.unit_report_get_for_reader(user=request.user, year=year, unit_id=unit_id)
    response = HttpResponse(
        render_unit_report_docx(_document(access)), content_type=DOCX_CONTENT_TYPE
    )
    name = slugify(access.unit.abbreviation or access.unit.name)
    response["Content-Disposition"] = f'attachment; filename="rapport-{name}-{year}.docx"'
    return record_download(request, response, target=access.report or access.unit, what="rapport")


def _report_url(access: selectors.UnitReportAccess) -> str:
    return reverse(
        "findings:unit_report", kwargs={"year": access.cycle.year, "unit_id": access.unit.id}
    )


def report_move(request, year: int, unit_id: int, to: str):
    access = selectors.unit_report_get_for_move(
        user=request.user, year=year, unit_id=unit_id, to=to
    )
    form = MoveForm(posted_data(request), initial={"version": access.version}, to=to)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit_report_move(
                actor=request.user,
                cycle=access.cycle,
                unit=access.unit,
                to=to,
                expected_version=data["version"],
                agreed_on=data.get("agreed_on"),
                agreed_with=data.get("agreed_with", ""),
                reason=data.get("reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het rapport van %(unit)s staat nu op %(status)s.")
                % {"unit": access.unit, "status": UnitReportStatus(to).label},
            )
            return redirect(_report_url(access))
    return render(
        request,
        "findings/unit/move.html",
        {
            "access": access,
            "form": form,
            "to": to,
            "to_label": UnitReportStatus(to).label,
            "move_label": MOVE_LABELS[to],
            "move_help": MOVE_HELP[to],
            "possible_now": to in access.moves,
        },
        status=400 if form.is_bound else 200,
    )


def management_response(request, year: int, unit_id: int):
    access = selectors.unit_response_get_for_board(user=request.user, year=year, unit_id=unit_id)
    response = selectors.response_of(access.report)
    recommendations = selectors.recommendations_of(cycle=access.cycle, unit=access.unit)
    context = {
        "access": access,
        "response": response,
        "history": selectors.response_history(response, recommendations=recommendations),
    }
    if response is not None and response.status == ResponseStatus.INGEDIEND:
        answers = selectors.answers_of(response)
        context["answered"] = [(rec, answers.get(rec.pk)) for rec in recommendations]
        return render(
            request,
            "findings/unit/response.html",
            context,
            status=400 if request.method == "POST" else 200,
        )

    answers = selectors.answers_of(response)
    initial = {"version": response.version if response else 0}
    if response is not None:
        initial["overall"] = response.overall
        for rec_id, answer in answers.items():
            initial |= {
                f"recognition_{rec_id}": answer.recognition,
                f"explanation_{rec_id}": answer.explanation,
                f"intended_actions_{rec_id}": answer.intended_actions,
            }
    form = ResponseForm(posted_data(request), initial=initial, recommendations=recommendations)
    submit = request.POST.get("action") == ResponseAction.SUBMIT
    if request.method == "POST" and form.is_valid():
        try:
            management_response_save(
                actor=request.user,
                cycle=access.cycle,
                unit=access.unit,
                expected_version=form.cleaned_data["version"],
                overall=form.cleaned_data["overall"],
                answers={rec_id: AnswerData(**values) for rec_id, values in form.answers().items()},
                submit=submit,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if submit:
                messages.success(
                    request,
                    _("De managementreactie is ingediend en staat nu in het rapport."),
                )
                return redirect(_report_url(access))
            messages.success(request, _("De managementreactie is als concept opgeslagen."))
            return redirect(request.path)
    context |= {"form": form, "actions": ResponseAction}
    return render(
        request, "findings/unit/response.html", context, status=400 if form.is_bound else 200
    )
