"""Seed Bijlage 2's texts: each management principle's general definition (derived from ISO
9000) and what it asks at UWV, and the appendix's introduction with the note that one ISO
principle lies outside UWV-wide scope. Our own wording of the 2023 report's appendix (DOMAIN.md
§5); the coordination team keeps the texts afterwards. `definition` holds the general principle,
`uwv_specific` UWV's own elaboration; Operationele Kwaliteit is UWV's own principle and has only a
definition. The introduction leaves out which units the supplier principle applies to (the 2023
report named two as examples): a unit's name in a fixed text would reach the report even in a
cycle that excludes that unit. Texts someone already wrote are left as they are."""

from django.db import migrations

TEXTS = {
    "klantgerichtheid": (
        "Een organisatie bestaat dankzij haar klanten. Zij hoort daarom te begrijpen wat klanten "
        "nu en later nodig hebben, aan hun eisen te voldoen en te proberen meer te bieden dan zij "
        "verwachten.",
        "Het gaat om weten wat de (interne) klant verwacht en daaraan willen voldoen: de "
        "menselijke maat. UWV kent de waardeketen van de sociale zekerheid, heeft die opgebouwd "
        "rond wat klanten nodig hebben en heeft haar uitgewerkt in processen, taken en "
        "verantwoordelijkheden.",
    ),
    "leiderschap": (
        "Leidinggevenden zorgen voor één gedeeld doel en één richting van de organisatie. Zij "
        "scheppen en bewaren een klimaat waarin medewerkers ten volle kunnen meewerken aan het "
        "halen van de doelen van de organisatie.",
        "UWV kent de interne en externe dreigingen voor een goede uitvoering van de sociale "
        "zekerheid. Het beheerst die met risicomanagement en plant zijn kwaliteitsmanagement.",
    ),
    "vakmanschap": (
        "Medewerkers op elk niveau zijn de kern van een organisatie. Wie hen volledig bij de "
        "organisatie betrekt, kan hun vaardigheden inzetten ten bate van die organisatie.",
        "UWV stelt ten behoeve van het kwaliteitsmanagementsysteem eisen aan functies, niveaus "
        "en processen, en helpt medewerkers zich te ontwikkelen in hun rol, taken en "
        "verantwoordelijkheden daarbinnen. Het bepaalt welke competenties medewerkers nodig "
        "hebben en stelt hen in staat die te verwerven en te houden. Medewerkers weten hoe zij "
        "proces en taken inhoudelijk goed, op tijd en volledig uitvoeren.",
    ),
    "procesbenadering": (
        "Een beoogd resultaat wordt doelmatiger bereikt als de activiteiten en de middelen die "
        "daarbij horen als een proces worden bestuurd.",
        "UWV heeft de waardeketen van de sociale zekerheid uitgewerkt in klantreizen en "
        "processen. Het past klantreizen en processen aan wanneer behoeften en omstandigheden "
        "veranderen, voert de processen uit en stelt daarbij vast of dat juist, tijdig en "
        "volledig gebeurt.",
    ),
    "continu-leren": (
        "Het voortdurend verbeteren van de totale prestatie hoort een blijvend doel van de "
        "organisatie te zijn.",
        "UWV past de PDCA-cyclus stelselmatig toe (per proces, project, klantdoel en dergelijke) "
        "op basis van gemeten resultaten. Het evalueert in korte cycli per procesdoel wat het "
        "deed en wat dat opleverde, en haalt elke cyclus een beter resultaat dan de vorige.",
    ),
    "besturing": (
        "Goede besluiten berusten op het analyseren van gegevens en informatie. Wie samenhangende "
        "processen als één systeem vaststelt, begrijpt en bestuurt, helpt de organisatie haar "
        "doelen doeltreffend en doelmatig te bereiken.",
        "UWV heeft indicatoren om kwalitatieve en kwantitatieve prestaties te meten en neemt "
        "besluiten op basis daarvan. Elke cyclus levert een beter resultaat op dan de vorige.",
    ),
    "operationele-kwaliteit": (
        "UWV levert zijn diensten doelmatig, op tijd, juist en volledig, en houdt zich daarbij "
        "aan de wettelijke kaders, zoals BIO en IB&P (compliance).",
        "",
    ),
    "sturen-verantwoorden": (
        "UWV stuurt op het waarmaken van zijn visie, dienstverlening met de menselijke maat, en "
        "legt daarover verantwoording af aan zijn belanghebbenden.",
        "UWV weet wie zijn belanghebbenden zijn en wat zij verwachten, en zet die verwachtingen "
        "om in concrete doelen. Het kent de afhankelijkheden tussen en binnen bedrijfsonderdelen "
        "en speelt daarop in.",
    ),
}

INTRODUCTION = (
    "Wie een organisatie met succes wil leiden en laten werken, moet haar stelselmatig en "
    "inzichtelijk besturen en beheersen. Kwaliteitsmanagement is, naast andere "
    "managementdisciplines, een onderdeel van dat besturen. De directie kan acht "
    "kwaliteitsmanagementprincipes gebruiken om de organisatie naar betere prestaties te leiden.\n"
    "\n"
    "De ISO 9000-familie kent nog een principe: win-win-relaties met leveranciers "
    "(relatiemanagement). Een organisatie en haar leveranciers zijn van elkaar afhankelijk, en "
    "een relatie waar beide baat bij hebben vergroot het vermogen van allebei om waarde te "
    "scheppen. Voor UWV als geheel blijft dit principe buiten beschouwing, al is het bij "
    "verschillende bedrijfsonderdelen wel van toepassing."
)

INTRODUCTION_KEY = "bijlage_2_inleiding"


def seed(apps, schema_editor):
    Principle = apps.get_model("audits", "ManagementPrinciple")
    for principle in Principle.objects.filter(code__in=TEXTS):
        definition, uwv_specific = TEXTS[principle.code]
        if not principle.definition and not principle.uwv_specific:
            principle.definition, principle.uwv_specific = definition, uwv_specific
            principle.save(update_fields=["definition", "uwv_specific"])
    ReferenceText = apps.get_model("audits", "ReferenceText")
    ReferenceText.objects.get_or_create(key=INTRODUCTION_KEY, defaults={"text": INTRODUCTION})


def unseed(apps, schema_editor):
    apps.get_model("audits", "ReferenceText").objects.filter(key=INTRODUCTION_KEY).delete()
    apps.get_model("audits", "ManagementPrinciple").objects.update(definition="", uwv_specific="")


class Migration(migrations.Migration):
    dependencies = [("audits", "0011_principle_texts")]

    operations = [migrations.RunPython(seed, unseed)]
