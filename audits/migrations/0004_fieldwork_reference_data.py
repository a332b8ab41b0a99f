"""Seed the default documentation list and the appreciative question set per principle. Both are
maintained by the coordination team afterwards."""

from django.db import migrations

DOCUMENT_TYPES = [
    ("Jaarplan", "Het jaarplan van het bedrijfsonderdeel met doelen en prioriteiten."),
    ("Kwaliteitsplan", "Hoe het onderdeel kwaliteit borgt en verbetert."),
    ("Teamplannen", "Plannen van teams of afdelingen, afgeleid van het jaarplan."),
    (
        "Directiebeoordeling",
        "De periodieke beoordeling van het kwaliteitsmanagementsysteem door de directie.",
    ),
    ("Kwaliteitsrapportages", "Rapportages over kwaliteit, fouten en verbeteracties."),
    ("KPI-set", "De prestatie-indicatoren waarop het onderdeel stuurt."),
    ("Procesoverzicht", "Het overzicht van processen met eigenaren."),
    ("Verbeterregister", "Het overzicht van verbeteracties met eigenaar, termijn en effect."),
]

QUESTIONS = {
    "*": [
        "Waar ben je trots op?",
        "Wat zou je beter willen doen?",
        "Kun je een voorbeeld geven van een verbetering die echt effect had?",
    ],
    "klantgerichtheid": ["Hoe weet je wat de klant van jullie werk vindt?"],
    "sturen-verantwoorden": ["Welke informatie gebruik je om bij te sturen, en wanneer?"],
    "operationele-kwaliteit": ["Hoe worden fouten en verspilling in het proces zichtbaar?"],
}


def seed(apps, schema_editor):
    DocumentType = apps.get_model("audits", "DocumentType")
    for order, (name, description) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
    Principle = apps.get_model("audits", "ManagementPrinciple")
    Question = apps.get_model("audits", "InterviewQuestion")
    for principle in Principle.objects.all():
        texts = QUESTIONS.get(principle.code, []) + QUESTIONS["*"]
        for order, text in enumerate(texts, start=1):
            Question.objects.get_or_create(
                principle=principle, text=text, defaults={"order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("audits", "0003_fieldwork")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
