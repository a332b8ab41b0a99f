"""The team's four narrative texts (issue 18) move into the report's structure: a cycle that
has any (or a chapter 10 title of its own in the front matter) gets its default structure stored, with the introduction and summary as their chapters'
text, the word of thanks as its section's and the reflection as chapter 10's, which takes the
title the team gave chapter 10 in the front matter. Nothing typed is lost; then the narratives
and that title field go."""

from django.db import migrations

# Where each narrative goes: the anchor of the chapter or section of the default structure.
TARGETS = {
    "inleiding": "inleiding",
    "dankwoord": "dankwoord",
    "samenvatting": "samenvatting",
    "beschouwing": "reacties",
}


def forwards(apps, schema_editor):
    from findings.constants import DEFAULT_CHAPTER_10_TITLE
    from findings.report.uwv.structure import default_structure

    Narrative = apps.get_model("findings", "ReportNarrative")
    Section = apps.get_model("findings", "ReportSection")
    FrontMatter = apps.get_model("findings", "ReportFrontMatter")
    Cycle = apps.get_model("audits", "AuditCycle")
    with_texts = set(Narrative.objects.exclude(text="").values_list("cycle_id", flat=True)) | set(
        FrontMatter.objects.exclude(chapter_10_title="").values_list("cycle_id", flat=True)
    )
    for cycle in Cycle.objects.filter(pk__in=with_texts):
        if Section.objects.filter(cycle=cycle).exists():
            continue
        narratives = {n.key: n for n in Narrative.objects.filter(cycle=cycle) if n.text.strip()}
        front = FrontMatter.objects.filter(cycle=cycle).first()
        # Whoever typed what is kept is the author of the rows that carry it.
        author = next(iter(narratives.values())).updated_by if narratives else front.updated_by
        title_10 = (front and front.chapter_10_title) or str(DEFAULT_CHAPTER_10_TITLE)
        texts = {TARGETS[key]: n.text for key, n in narratives.items() if key in TARGETS}
        principles = list(cycle.principles.order_by("order", "name"))
        for position, plan in enumerate(
            default_structure(principles, chapter_10_title=title_10), start=1
        ):
            chapter = Section.objects.create(
                cycle=cycle,
                position=position,
                is_appendix=plan.is_appendix,
                principle_id=plan.principle_id,
                title=plan.title,
                anchor=plan.anchor,
                text=texts.get(plan.anchor, ""),
                blocks=list(plan.blocks),
                edited_by=author,
                updated_by=author,
            )
            for index, section in enumerate(plan.sections, start=1):
                Section.objects.create(
                    cycle=cycle,
                    chapter=chapter,
                    position=index,
                    title=section.title,
                    anchor=section.anchor,
                    text=texts.get(section.anchor, ""),
                    blocks=list(section.blocks),
                    edited_by=author,
                    updated_by=author,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0010_interviewee_confirmation"),
        ("findings", "0009_report_sections"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="reportfrontmatter", name="chapter_10_title"),
        migrations.DeleteModel(name="ReportNarrative"),
    ]
