"""Pages whose query count must not grow with their rows (found in review)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AssessedPrinciple, ManagementPrinciple
from audits.services.cycles import assignment_create, cycle_open
from tests.factories import BusinessUnitFactory
from uwvkms.workqueue import work_queue_for


def _n(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, r.status_code
    return len(ctx.captured_queries)


def test_my_follow_up_queries_do_not_grow_with_cycles(client, auditor, coordinator, cycle):
    client.force_login(auditor)
    url = reverse("findings:my_follow_up")
    before = _n(client, url)
    p = ManagementPrinciple.objects.filter(is_basic=False).first()
    for year in range(2040, 2046):
        c = cycle_open(actor=coordinator, year=year, principles=[p])
        for _ in range(2):
            unit = BusinessUnitFactory()
            AssessedPrinciple.objects.get_or_create(cycle=c, unit=unit, principle=p)
            assignment_create(actor=coordinator, cycle=c, unit=unit, auditor=auditor)
    after = _n(client, url)
    assert after <= before


def test_action_page_queries_do_not_grow_with_measurements(
    client, coordinator, cycle, uitkeren, unit_board
):
    from tests.factories import (
        EffectMeasurementFactory,
        FollowUpActionFactory,
        RecommendationFactory,
        RecommendationResponseFactory,
        UserFactory,
    )

    answer = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren), recognition="herkend"
    )
    action = FollowUpActionFactory(recommendation=answer.recommendation, updated_by=unit_board)
    EffectMeasurementFactory(action=action)
    client.force_login(coordinator)
    url = reverse("findings:action_detail", args=[cycle.year, uitkeren.pk, action.pk])
    before = _n(client, url)
    for _ in range(6):
        EffectMeasurementFactory(action=action, recorded_by=UserFactory())
    after = _n(client, url)
    assert after <= before


def test_document_check_queries_do_not_grow_with_files(client, auditor, cycle, uitkeren, fez):
    from audits.models import Assignment
    from audits.services.documents import document_file_add
    from tests.factories import DocumentCheckFactory, UserFactory
    from uwvkms.constants import Role

    PDF = b"%PDF-1.7\n%%EOF\n"
    check = DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    document_file_add(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=check.document_type,
        name="a.pdf",
        data=PDF,
    )
    client.force_login(auditor)
    url = reverse("audits:document_check", args=[cycle.year, uitkeren.pk, check.document_type.pk])
    before = _n(client, url)
    for i in range(5):
        u = UserFactory(business_unit=fez, roles=[Role.TOETSER])
        Assignment.objects.create(cycle=cycle, unit=uitkeren, auditor=u, assigned_by=auditor)
        document_file_add(
            actor=u,
            cycle=cycle,
            unit=uitkeren,
            document_type=check.document_type,
            name=f"b{i}.pdf",
            data=PDF,
        )
    after = _n(client, url)
    assert after <= before


def _more_work(n, *, cycle, uitkeren, communicatie, auditor, coordinator, adviser, dt_member):
    """`n` more lines of each kind on the work queues of the auditor, the unit's board (DT),
    the coordination team and the RvB (issue 16 §1)."""
    import datetime

    from django.utils import timezone

    from findings.models import PublishState, ReportVersion
    from herstel.constants import Forum, Outcome, StepMove
    from tests.factories import (
        FollowUpActionFactory,
        InterviewFactory,
        RecommendationFactory,
        UnitReportFactory,
    )
    from tests.herstel.flow import RVB_PATH, decide, move, start, submit

    today = timezone.localdate()
    for i in range(n):
        for unit in (uitkeren, communicatie):
            InterviewFactory(cycle=cycle, unit=unit, correctie_gevraagd=True)
            InterviewFactory(cycle=cycle, unit=unit, ter_bevestiging=True)
        recommendation = RecommendationFactory(cycle=cycle, unit=uitkeren)
        FollowUpActionFactory(recommendation=recommendation, due_on=today)
        FollowUpActionFactory(recommendation=recommendation, gereed=True)
        at = timezone.now() - datetime.timedelta(days=1, minutes=i)
        ReportVersion.objects.create(
            cycle=cycle,
            label=f"0.{len(ReportVersion.objects.all())}",
            report_status="Concept",
            state=PublishState.RUNNING,
            requested_by=coordinator,
            requested_at=at,
            progress_at=at,
        )
        waiting_2a = start(adviser, title=f"Herstel 2A {i}")
        submit(waiting_2a, adviser)
        waiting_2b = start(adviser, title=f"Herstel 2B {i}")
        submit(waiting_2b, adviser, RVB_PATH)
        decide(waiting_2b, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen.")
        move(waiting_2b, adviser, StepMove.TO_RVB)
    UnitReportFactory(cycle=cycle, unit=uitkeren, status="afgestemd")


def test_home_page_queries_do_not_grow_with_the_work_queue(
    client,
    auditor,
    coordinator,
    board_member,
    dt_member,
    adviser,
    cycle,
    uitkeren,
    communicatie,
):
    people = {
        "auditor": auditor,
        "coordinator": coordinator,
        "rvb": board_member,
        "dt": dt_member,
        "adviser": adviser,
    }
    world = {
        "cycle": cycle,
        "uitkeren": uitkeren,
        "communicatie": communicatie,
        "auditor": auditor,
        "coordinator": coordinator,
        "adviser": adviser,
        "dt_member": dt_member,
    }
    url = reverse("home")
    _more_work(1, **world)
    before = {}
    for name, user in people.items():
        client.force_login(user)
        before[name] = _n(client, url)
    _more_work(4, **world)
    for name, user in people.items():
        client.force_login(user)
        assert _n(client, url) <= before[name], name
        assert "Wat vraagt uw aandacht" in client.get(url).content.decode()
        if name != "adviser":  # the adviser's actions all wait on the DT or the RvB
            assert len(work_queue_for(user)) >= 5, name


def _asked_and_tasked(n, *, adviser, communicatie_user, issuemanager, owner, uitkeren):
    """`n` more actions in step 1 with a section of the advice asked of SBK and a
    communication task (of a division) owned by `owner` (issue 20)."""
    import datetime

    from django.utils import timezone

    from herstel.constants import AdviceSection, Discipline
    from herstel.services.actions import advice_section_assign
    from herstel.services.communication_tasks import communication_task_add
    from tests.herstel.flow import make_issue, start

    for _ in range(n):
        action = start(adviser, title=f"Herstel taak {len(work_queue_for(owner))}")
        advice_section_assign(
            actor=adviser, herstelactie=action, section=AdviceSection.LEGAL_FRAMEWORK
        )
        make_issue(action, communicatie_user, issuemanager)
        communication_task_add(
            actor=issuemanager,
            herstelactie=action,
            discipline=Discipline.DIVISIE,
            business_unit=uitkeren,
            description="Klantcontact informeren.",
            due_on=timezone.localdate() + datetime.timedelta(days=7),
            owner_user=owner,
        )


def test_home_page_queries_do_not_grow_with_tasks_and_sections(
    client, adviser, sbk_adviser, communicatie_user, issuemanager, wg_user, uitkeren
):
    world = {
        "adviser": adviser,
        "communicatie_user": communicatie_user,
        "issuemanager": issuemanager,
        "owner": wg_user,
        "uitkeren": uitkeren,
    }
    url = reverse("home")
    _asked_and_tasked(1, **world)
    before = {}
    for user in (sbk_adviser, wg_user):
        client.force_login(user)
        before[user.pk] = _n(client, url)
    _asked_and_tasked(4, **world)
    for user in (sbk_adviser, wg_user):
        client.force_login(user)
        assert _n(client, url) <= before[user.pk], user.username
    # Fresh users, as a request has them: roles and facts are loaded once per user object.
    owner, sbk = (type(u).objects.get(pk=u.pk) for u in (wg_user, sbk_adviser))
    assert len([i for i in work_queue_for(owner) if i.kind == "Communicatietaak"]) == 5
    assert len([i for i in work_queue_for(sbk) if i.kind == "Adviesonderdeel"]) == 5
