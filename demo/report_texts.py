"""The prose of the demo's UWV-wide reports (issue 18), as the fictional roll-up team wrote it: its
own sentences in the report markup (`uwvkms/markup.py`), by the anchor of the chapter or section
they belong to. The facts follow DOMAIN.md and the demo's data (its units, its rode draden and
the two hoofdbevindingen of `demo.findings`); no sentence comes from a real report, and the unit
the demo excludes is named nowhere (the generated scope block carries its footnote).

A chapter whose 2023 counterpart opens straight with its first section (Scope en methodiek,
Volwassenheid and the principle chapters) is a pure container: it has no text of its own.
Every paragraph is one string: in the markup a single line break stays a line break."""

from dataclasses import dataclass, field

CHAPTER_10_TITLE = "Managementreacties en Beschouwing FEZ"
# Chapters with sections and, as in the 2023 report, no opening text of their own.
CONTAINERS = frozenset(
    {
        "methodiek",
        "volwassenheid",
        "principe-klantgerichtheid",
        "principe-sturen-verantwoorden",
        "principe-operationele-kwaliteit",
        "principe-leiderschap",
        "principe-vakmanschap",
        "principe-procesbenadering",
    }
)


@dataclass(frozen=True)
class ReportTexts:
    """What the team writes into one cycle's report: text per anchor, titles it changes, the
    chapters it moves one place up (in this order), and the parts it leaves for review or in
    concept (every other part gets its akkoord)."""

    texts: dict[str, str]
    titles: dict[str, str] = field(default_factory=dict)
    moved_up: tuple[str, ...] = ()
    left_for_review: frozenset[str] = frozenset()
    left_in_concept: frozenset[str] = frozenset()


def md(*blocks: str) -> str:
    """Blocks of the markup (paragraphs, lists, quotes, headings) separated by a blank line."""
    return "\n\n".join(blocks)


QUOTE_UITKEREN = "> We zien sneller waar het misgaat sinds we de cijfers samen bespreken."

TEXTS_2023 = {
    # 1 Inleiding en aanleiding
    "inleiding": md(
        "UWV wil dat iedereen die bij ons aanklopt zich gezien, gehoord en geholpen weet. Om die "
        "belofte waar te maken moeten we weten hoe goed ons kwaliteitsmanagementsysteem (KMS) "
        "werkt: maken we fouten en verspilling zichtbaar, en leren we daar aantoonbaar van?",
        "Tot voor kort gaf een externe ISO 9001-audit daarop het antwoord. Vanaf 2023 doen we "
        "het zelf: de tweede lijn van BC&K en FEZ toetst elk jaar alle bedrijfsonderdelen. Dat "
        "levert meer op voor onze eigen dienstverlening en maakt kwaliteit een gesprek binnen "
        "UWV in plaats van een certificaat aan de muur.",
        "De toetsers werkten **kruislings**: niemand toetste het eigen onderdeel, zodat de blik "
        "van de tweede lijn onafhankelijk bleef. Elk onderdeel kreeg een eigen rapport, dat met "
        "de directie is afgestemd. Eén onderdeel kon niet representatief worden getoetst; de "
        "reden staat bij de [scope](#scope).",
        "Dit rapport bundelt wat het oprolteam in al die rapporten las, voor de Raad van Bestuur "
        "en de Groepsraad: de rode draden voor heel UWV, adviezen op UWV-niveau en vooral de "
        "goede voorbeelden waar onderdelen van elkaar kunnen leren. Deze werkwijze is nieuw "
        "voor ons; we verwachten er elk jaar beter in te worden.",
    ),
    "leeswijzer": md(
        "Dit rapport gaat over het systeem waarmee UWV kwaliteit bewaakt en verbetert, niet over "
        "de kwaliteit van elke dienst of elk product zelf. We beoordeelden dat systeem met een "
        "volwassenheidsmodel van vijf niveaus[^Het model is afgeleid van het Capability "
        "Maturity Model, dat veel organisaties gebruiken om de ontwikkeling van processen en "
        "systemen stap voor stap te beoordelen. Zie bijlage 1.].",
        "De vraag die we beantwoorden: *hoe staat het KMS van UWV ervoor, als we de beelden van "
        "alle bedrijfsonderdelen samen nemen?*",
        "Wie weinig tijd heeft, leest hoofdstuk 2. Wie wil weten hoe we tot ons oordeel kwamen, "
        "leest hoofdstuk 3. De hoofdstukken hieronder volgen elkaar zo op:",
    ),
    "dankwoord": md(
        "Een interne toets staat of valt met de mensen die hun deur openzetten. Wij danken alle "
        "collega's die documenten verzamelden, gesprekken voerden en hun verslag controleerden. "
        "Hun openheid maakte dit rapport mogelijk.",
        "Ook danken we het toetsteam: ruim dertig collega's van BC&K en FEZ uit het hele land, "
        "die naast hun eigen werk maandenlang documenten lazen, gesprekken voerden en in de "
        "kalibratie elkaars oordelen scherp hielden.",
    ),
    # 2 Managementsamenvatting
    "samenvatting": md(
        "In 2023 toetsten we drie managementprincipes: Klantgerichtheid, Sturen en verantwoorden "
        "en Operationele Kwaliteit, en daarnaast de Basic Kwaliteitsmanagement. Per onderdeel "
        "keken we naar de **opzet** (is er een systeem?), het **bestaan** (wordt het gebruikt?) "
        "en de **werking** (maakt het fouten zichtbaar en leidt het tot verbetering?).",
        "Ons antwoord op de onderzoeksvraag: elk getoetst onderdeel heeft een KMS en zet het in "
        "om de dienstverlening te verbeteren. Hoe volwassen dat systeem is, verschilt per "
        "onderdeel en per principe: van vooral reageren op wat zich aandient tot een vaste, "
        "herhaalbare aanpak waarop het management ook stuurt.",
        "Naast de rapporten per onderdeel geeft dit rapport wat goed gaat, drie rode draden en "
        "twee hoofdbevindingen met een advies op UWV-niveau.",
    ),
    "wat-gaat-goed": md(
        "Overal waar we kwamen, staat de klant in het beleid en in het gesprek op de werkvloer. "
        "Medewerkers vertelden met trots over klanten die ze verder hielpen; dat motiveert, en "
        "dat is te merken.",
        "Bij Sturen en verantwoorden vonden we bij elk onderdeel een plan- en "
        "verantwoordingscyclus. Waar het beter gaat, zien we de strategie terug tot in de "
        "plannen van teams, en bespreekt het MT elk tertaal de cijfers met de teamleiders.",
        "Operationele Kwaliteit toetsten we alleen bij de onderdelen met "
        "uitvoeringsprocessen[^Bezwaar & Beroep, Gegevensdiensten, Handhaving, Sociaal Medische "
        "Zaken, Uitkeren en Werkbedrijf.]. Daar wordt de kwaliteit van het werk gemeten; een "
        "paar onderdelen kijken inmiddels ook kritisch naar hun meetinstrumenten zelf.",
        "Uit de managementreacties blijkt dat de onderdelen de bevindingen grotendeels "
        "herkennen en vooral om voorbeelden van anderen vragen. De opvolging krijgt elk tertaal "
        "een plek in de planning- en controlcyclus.",
    ),
    "samenvatting-hoofdbevindingen": md(
        "Twee punten vragen aandacht op het niveau van heel UWV. We werken ze uit in "
        "[hoofdstuk 5](#hoofdbevindingen).",
        "- **Van uitvoering naar effect.** Onderdelen volgen of acties zijn uitgevoerd, zelden "
        "of ze hebben opgeleverd wat de bedoeling was.\n"
        "- **Samenwerken in de keten.** Afspraken en sturing houden op bij de grens van het "
        "eigen onderdeel, terwijl de klant die grens niet kent.",
    ),
    # 3 Scope en methodiek (container)
    "scope": md(
        "De Interne Toets KMS werkt in een cyclus van drie jaar: elk jaar een deel van de "
        "managementprincipes, zodat na drie jaar het hele systeem is bekeken. In 2023 waren dat "
        "Klantgerichtheid, Sturen en verantwoorden en Operationele Kwaliteit. Een principe dat "
        "bij een onderdeel niet is getoetst, telt daar niet mee; het is geen nul.",
        "Daarnaast keken we of de onderdelen de Basic Kwaliteitsmanagement toepassen: de "
        "standaardprocessen en -documenten die UWV voor kwaliteitsmanagement heeft afgesproken. "
        "Zo leren de BC&K-afdelingen ook van elkaars vakmanschap.",
    ),
    "waarderend-onderzoek": md(
        "Wie dienstverlening met de menselijke maat wil, moet ook zo toetsen. Daarom werkten we "
        "met **waarderend onderzoek**: in plaats van een afvinklijst stelden we open vragen "
        "waarop mensen hun eigen verhaal doen.",
        "- Waar ben je trots op?\n"
        "- Wat zou je nog beter willen doen?\n"
        "- Hoe merk je dat een verbetering heeft gewerkt?",
        "De antwoorden geven een rijker beeld dan ja of nee. Dat beeld hebben we daarna volgens "
        "het [volwassenheidsmodel](#kalibratie) gewaardeerd.",
    ),
    "bronnen": md(
        "Per onderdeel bestudeerden we eerst de documenten van een vaste lijst: onder meer het "
        "jaarplan, het kwaliteitsplan, teamplannen, de directiebeoordeling, kwaliteitsrapportages "
        "en de KPI-set.",
        "Daarna voerden we gesprekken bij twee of meer districten, rayons of afdelingen per "
        "onderdeel, door loting gekozen, centraal en decentraal. Van elk gesprek is een verslag "
        "gemaakt; het telt pas mee als de geïnterviewden het hebben bevestigd.",
    ),
    "kalibratie": md(
        "Per principe beschrijft het toetskader een definitie, mogelijke hard en soft controls "
        "en onderzoeksvragen. Daarmee gaf het toetsteam elk onderdeel per principe een niveau "
        "van 1 (Ad hoc) tot 5 (Optimaliseren), met een onderbouwing die naar het bewijs "
        "verwijst.",
        "Omdat toetsers verschillend kunnen kijken, legden ze hun scores in kalibratiesessies "
        "naast elkaar: vergelijkbare situaties moeten een vergelijkbaar niveau krijgen. Elke "
        "aanpassing is vastgelegd met de reden. Toch blijft een score een oordeel; de "
        "onderbouwing in het rapport per onderdeel geeft de nuance.",
    ),
    "afstemming": md(
        "Elk rapport per onderdeel is met de directie besproken. De kernvraag: herkent u de "
        "aanbevelingen? Daarna schreef de directie een managementreactie; onze indruk daarvan "
        "staat in [hoofdstuk 10](#reacties).",
        "Een oprolteam van BC&K en FEZ las alle rapporten. Komt een aanbeveling bij meerdere "
        "onderdelen terug, dan is het een **rode draad** voor UWV. Komt een rode draad bij alle "
        "getoetste principes terug, dan maken we er een **hoofdbevinding** van.",
    ),
    "disclaimer": md(
        "Deze toets rust op steekproeven: de gesprekken en documenten die we zagen. Wat we bij "
        "een district of afdeling vonden, hoeft elders in het onderdeel niet zo te zijn. Het "
        "volwassenheidsmodel is nieuw en zal de komende jaren scherper worden, net als de manier "
        "waarop wij het toepassen.",
    ),
    # 4 Volwassenheid (container)
    "totaal-uwv": md(
        "Elk getoetst onderdeel heeft een KMS dat het gebruikt om te verbeteren. De meeste "
        "onderdelen zitten op niveau 2 (*Initieel*) of 3 (*Reproduceren*).",
        "Op niveau 2 kan een onderdeel tekortkomingen zichtbaar maken en verbeteren. Op niveau 3 "
        "laat het met documenten zien dat dit geregeld gebeurt. Let wel: een werkend systeem "
        "zegt nog niet dat de geleverde kwaliteit goed genoeg is.",
        "Hieronder het gemiddelde per principe over de onderdelen waar het is getoetst.",
    ),
    "goede-voorbeelden": md(
        "Onderdelen werken met verschillende definities en instrumenten. Juist daarom loont het "
        "om nieuwsgierig te zijn naar wat elders goed gaat. We noemen per groep een paar "
        "voorbeelden; dat wil niet zeggen dat daar niets meer te verbeteren valt.",
        "### Met uitvoeringsprocessen",
        "Uitkeren meet na een verbeteractie wat die heeft opgeleverd en bespreekt dat in het "
        "MT. Handhaving vertaalt de waarden van de klant door tot in de teams.",
        "### Zonder uitvoeringsprocessen",
        "Bestuurszaken en de Auditdienst verbinden hun ondersteunende werk direct aan wat hun "
        "interne klanten nodig hebben. Zo komt hun werk via collega's ook de externe klant ten "
        "goede.",
    ),
    "aandachtsgebieden": md(
        "De Basic Kwaliteitsmanagement wordt nog niet overal aantoonbaar toegepast (zie "
        "[hoofdstuk 9](#principe-basic-km)). Waar een onderdeel weinig BC&K-capaciteit heeft, "
        "speelt dat mee; vaker lijkt het een kwestie van prioriteit.",
        "Bij Operationele Kwaliteit vraagt het regelmatig meten en verbeteren aandacht bij "
        "Sociaal Medische Zaken en Werkbedrijf: er wordt gemeten, maar niet voor alle processen "
        "en niet met de regelmaat die een rondgemaakte PDCA-cirkel vraagt.",
    ),
    # 5 Hoofdbevindingen UWV
    "hoofdbevindingen": md(
        "De hoofdstukken 6 tot en met 8 gaan per principe in op wat we over de onderdelen heen "
        "zagen; de aanbevelingen per onderdeel staan in de rapporten per onderdeel. Twee rode "
        "draden kwamen bij alle getoetste principes terug. Die werken we hieronder uit als "
        "hoofdbevinding, met ons advies aan de Raad van Bestuur en de Groepsraad.",
        "### Hoe we de adviezen bedoelen",
        "Het eerste advies vraagt doelen die meetbaar zijn, bijvoorbeeld vastgelegd met OGSM of "
        "OKR[^OGSM (Objective, Goals, Strategies, Measures) zet de strategie of het jaarplan op "
        "één pagina: wat willen we, hoe meten we succes en met welke acties. OKR (Objectives & "
        "Key Results) koppelt elk doel aan een paar meetbare resultaten, zodat iedereen ziet "
        "wat hij bijdraagt.]. Het vraagt ook moed: vaststellen dat een actie niet werkte en "
        "bijsturen is een vorm van risicoleiderschap[^Risicoleiderschap: als leidinggevende "
        "onzekerheid en tegenvallers bespreekbaar maken en er bewust naar handelen, in plaats "
        "van ze te laten liggen.].",
        "Het tweede advies gaat over de overdracht tussen onderdelen. Daar gaat het voor de "
        "klant het vaakst mis[^Een voorbeeld: een klant van wie de uitkering stopt, hoort van "
        "Werkbedrijf pas weken later wat er van hem wordt verwacht, omdat de overdracht tussen "
        "de twee onderdelen niet is afgesproken.].",
    ),
    # 6 Klantgerichtheid (container)
    "principe-klantgerichtheid-algemeen": md(
        "Klantgerichtheid is bij alle onderdelen getoetst. De vraag was of een onderdeel kan "
        "laten zien dat het de verwachtingen van zijn klanten kent, daaraan voldoet en zijn "
        "werk daarop blijft verbeteren. We onderscheiden twee soorten klanten:",
        "- de **externe klant**: de burger of werkgever voor wie UWV er is;\n"
        "- de **interne klant**: collega's en management die de diensten van een onderdeel "
        "gebruiken.",
        "### UWV-brede benadering van cliënten",
        QUOTE_UITKEREN,
        "*Uit het rapport van Uitkeren*",
        "Elk onderdeel heeft klantgerichtheid in zijn beleid staan en medewerkers nemen het "
        "serieus. Wat we niet vonden, is één benadering van de klant voor heel UWV: elk "
        "onderdeel, soms elk district, doet het op zijn eigen manier.",
        "### Structuur in meten en indicatoren",
        "Er wordt veel gemeten: klanttevredenheid, directe feedback na een contact, klachten. "
        "Klant & Service speelt daarin een centrale rol. Maar de instrumenten worden niet overal "
        "gelijk ingezet, en een norm ontbreekt meestal: wanneer is een uitkomst goed genoeg, en "
        "wanneer is het een reden om te verbeteren?",
    ),
    "principe-klantgerichtheid-instrumenten": md(
        "Klachten en klantsignalen zijn de meest gebruikte bron om te verbeteren. Ze worden "
        "echter niet overal verzameld en besproken; daarom is *Klantsignalen benutten* een rode "
        "draad. Wat Bezwaar & Beroep en Handhaving over klanten weten, gebruiken andere "
        "onderdelen nog nauwelijks.",
        "Waar teams klantinformatie samen bespreken en verbeteren, blijft de vraag vaak open of "
        "de klant er iets van merkt. Dat is dezelfde rode draad als in "
        "[hoofdstuk 5](#hoofdbevindingen).",
    ),
    "principe-klantgerichtheid-leren": md(
        "- Bij Uitkeren bespreken teams elke week één klantcasus en leggen ze vast wat ze "
        "daarna anders doen.\n"
        "- Handhaving vertaalt de waarden van de klant in concrete afspraken per team.\n"
        "- Klant & Service deelt zijn analyses van de klantbeleving met andere onderdelen.",
    ),
    "principe-klantgerichtheid-verbetering": md(
        "- Haal klantverwachtingen op één manier op, over de onderdelen heen, met UWV-brede "
        "definities en normen.\n"
        "- Verzamel klachten en signalen centraal en bespreek ze elk tertaal in het MT.\n"
        "- Leg bij een verbetering vooraf vast welk effect de klant moet merken, en meet het.",
    ),
    # 7 Sturen en verantwoorden (container)
    "principe-sturen-verantwoorden-algemeen": md(
        "Sturen en verantwoorden is bij alle onderdelen getoetst. UWV stuurt op en legt "
        "verantwoording af over dienstverlening met de menselijke maat. De vraag was hoe een "
        "onderdeel dat doet, en of die sturing tot betere dienstverlening leidt.",
        "Elk onderdeel heeft een plan- en verantwoordingscyclus. Op niveau 3 sluiten de "
        "rapportages van teams en afdelingen logisch aan op de doelen van het hele onderdeel. "
        "Uitkeren gaat verder: daar krijgen ook de soft controls, zoals het gesprek over waarden, "
        "een vaste plek in de sturing.",
    ),
    "principe-sturen-verantwoorden-plannen": md(
        "Elk onderdeel heeft een jaarplan. Daaruit volgen een kwaliteitsplan en teamplannen met "
        "doelen waaraan KPI's hangen. Die keten van plannen is bij een deel van de onderdelen "
        "nog niet rond: er zijn plannen tot op afdelingsniveau, maar niet voor de teams.",
        "Doelen zijn bovendien niet altijd SMART[^SMART: specifiek, meetbaar, acceptabel, "
        "realistisch en tijdgebonden.] geformuleerd, waardoor later niet vast te stellen is of "
        "een actie heeft gewerkt. Bij twee onderdelen lopen de teamplannen achter op het "
        "jaarplan.",
    ),
    "principe-sturen-verantwoorden-rapportages": md(
        "Onderdelen die hier hoog scoren, rapporteren op een vaste manier en bespreken de KPI's "
        "geregeld tussen directie, managers en teams. Zo kan er snel worden bijgestuurd.",
        "De menselijke maat en sturen op waarden laten zich nog lastig in een KPI-set vangen. "
        "Ook het zicht op risico's en de rapportage daarover zijn nog niet overal ingericht.",
    ),
    "principe-sturen-verantwoorden-effectmetingen": md(
        "Onderdelen volgen of afgesproken acties worden uitgevoerd. Of er wordt bijgestuurd als "
        "een doel niet wordt gehaald, en of een actie effect had, konden we vaak niet "
        "vaststellen. Dit is de eerste hoofdbevinding; zie [hoofdstuk 5](#hoofdbevindingen).",
        "Uitkeren laat zien hoe het kan: na een verbeteractie volgt een effectmeting, waarvan "
        "de uitkomst weer in de planning terugkomt.",
    ),
    "principe-sturen-verantwoorden-samenwerking": md(
        "Een vaste werkwijze om samen te werken met onderdelen waarvan je afhankelijk bent, "
        "ontbreekt. Doelen worden per onderdeel gesteld, niet over de keten heen.",
        "Ook binnen een onderdeel hapert de samenwerking soms, bijvoorbeeld tussen centrale en "
        "decentrale afdelingen wanneer besluiten niet helder worden gecommuniceerd.",
    ),
    "principe-sturen-verantwoorden-leren": md(
        "- Uitkeren meet consequent het effect van verbeteracties en neemt de uitkomst mee in "
        "de volgende planning.\n"
        "- Bij Gegevensdiensten is het kwaliteitsplan van onderop opgesteld en vastgelegd in "
        "managementafspraken.\n"
        "- Bij meerdere onderdelen bespreekt het MT elk tertaal de KPI's samen met de "
        "teamleiders.",
    ),
    "principe-sturen-verantwoorden-verbetering": md(
        "- Koppel de KPI's aan het effect van acties, niet alleen aan hun voortgang.\n"
        "- Maak de doorlooptijd over de hele keten zichtbaar en stuur er samen met de "
        "ketenpartners op.\n"
        "- Laat teamplannen aansluiten op het jaarplan en herzie ze twee keer per jaar.",
    ),
    # 8 Operationele Kwaliteit (container)
    "principe-operationele-kwaliteit-algemeen": md(
        "Operationele Kwaliteit is getoetst bij de zes onderdelen met uitvoeringsprocessen. "
        "Het gaat om de vraag of een onderdeel aantoonbaar vaststelt dat het zijn diensten "
        "juist, tijdig, volledig en efficiënt levert, volgens de interne en externe regels.",
        "Bij al deze onderdelen is in opzet een systeem aanwezig om de kwaliteit van de "
        "uitvoering te meten en te verbeteren. De mate waarin dat systeem werkt, verschilt "
        "sterk.",
    ),
    "principe-operationele-kwaliteit-instrumenten": md(
        "We zagen onder meer kwaliteitsonderzoeken op dossiers, foutanalyses, "
        "procesbeschrijvingen met controlepunten en de directiebeoordeling. Een paar onderdelen "
        "evalueren ook hun meetinstrumenten zelf; dat is een kenmerk van niveau 4 (*Sturen*).",
    ),
    "principe-operationele-kwaliteit-pdca": md(
        "Er wordt gemeten en er worden verbeteracties bedacht. De cirkel sluit echter zelden: "
        "na de actie volgt geen meting die laat zien of het aantal fouten is gedaald.",
        "De vraag *wat heeft deze verbeteractie opgeleverd?* moet vast onderdeel worden van "
        "elke verbetering. Dat geldt voor alle onderdelen die hierop zijn getoetst.",
    ),
    "principe-operationele-kwaliteit-normen": md(
        "Ook hier zagen we weinig normen: wanneer is een product of dienst goed genoeg? Zonder "
        "norm krijgt de ene klant een ander niveau van dienstverlening dan de andere, "
        "afhankelijk van het district waar hij woont.",
        "Bij Uitkeren, Handhaving, Gegevensdiensten en Bezwaar & Beroep vonden we een zichtbare "
        "samenhang tussen kwaliteitsplan, jaarplan, tertaalrapportage en kwaliteitsrapporten. "
        "Bij de andere onderdelen is die samenhang er wel, maar niet expliciet en dus niet "
        "herhaalbaar.",
    ),
    "principe-operationele-kwaliteit-leren": md(
        "- Uitkeren en Bezwaar & Beroep meten de operationele kwaliteit op een hoog niveau en "
        "sturen op de uitkomst.\n"
        "- Gegevensdiensten stelt zijn kwaliteitsplan per afdeling van onderop op, met een "
        "duidelijke lijn naar de doelen van het onderdeel.",
    ),
    "principe-operationele-kwaliteit-verbetering": md(
        "- Meet voor en na een procesverbetering het aantal fouten en herstelacties.\n"
        "- Deel foutanalyses met de ketenpartners waar fouten in de keten ontstaan.\n"
        "- Breid de meting van de operationele kwaliteit bij Sociaal Medische Zaken en "
        "Werkbedrijf uit naar alle kernprocessen.",
    ),
    # 9 Basic Kwaliteitsmanagement
    "principe-basic-km": md(
        "De Basic Kwaliteitsmanagement beschrijft wat elk onderdeel minimaal op orde heeft: een "
        "overzicht van de kernprocessen, een plan om de kwaliteit aantoonbaar te verbeteren, "
        "metingen van de operationele kwaliteit, en het houdt zijn hard en soft controls geregeld "
        "tegen het licht. Wie dat consequent doet, maakt leren en verbeteren over heel UWV "
        "vergelijkbaar.",
    ),
    "principe-basic-km-standaard-documenten": md(
        "Voor de gesprekken beoordeelden we per onderdeel de stukken van de documentatielijst. "
        "De standaarddocumenten worden verschillend gevuld, waardoor bijvoorbeeld de "
        "kwaliteitsplannen lastig te vergelijken zijn. Onderdelen met weinig BC&K-ondersteuning "
        "slaan sommige documenten en processen over. FEZ gaat de set daarom in 2024 "
        "vereenvoudigen.",
    ),
    "principe-basic-km-definitie-kwaliteit": md(
        "Wat kwaliteitsmanagement is, verschilt per onderdeel: voor het ene gaat het om "
        "geschiktheid voor gebruik, voor het andere om intercollegiale toetsing en vakmanschap. "
        "Dat maakt het gesprek tussen eerste en tweede lijn lastiger. FEZ werkt in 2024 met de "
        "BC&K-afdelingen aan één definitie en scope voor heel UWV.",
    ),
    "principe-basic-km-goed-voorbeeld": md(
        "Bij Werkbedrijf heeft BC&K een eigen integrale beoordeling van het KMS ontwikkeld, met "
        "een heldere structuur, die onafhankelijke functionarissen uit de tweede lijn in het "
        "hele onderdeel toepassen.",
    ),
    # 10 Managementreacties en Beschouwing FEZ
    "reacties": md(
        "### Managementreacties",
        "De directies herkennen het beeld grotendeels. Veel reacties noemen concrete acties: de "
        "aanbevelingen komen in het jaarplan en worden elk tertaal besproken. Een deel van de "
        "aanbevelingen is volgens de directies al belegd in een lopend programma; een enkele "
        "herkennen ze niet, en dat hebben ze toegelicht.",
        "Opvallend vaak schrijven directies dat ze voortaan vooraf willen bepalen welk effect "
        "een actie moet hebben. Dat sluit aan op de eerste hoofdbevinding. Enkele reacties "
        "volgen nog, onder meer van Werkbedrijf en SBK: hun rapporten waren bij het schrijven "
        "nog niet afgestemd.",
        "### Beschouwing FEZ",
        "Deze toets was voor UWV nieuw: we beoordelen onszelf, waar vroeger een externe auditor "
        "het ISO-certificaat toetste. "
        "Iedereen heeft ervan geleerd: directies en geïnterviewden, en de collega's van BC&K en "
        "FEZ. Het kruislings toetsen en de waarderende vragen hielpen om het gesprek tussen "
        "eerste en tweede lijn constructief te voeren.",
        "De deelnemers waardeerden de gesprekken; de meesten gaven de toets een zeven of een "
        "acht. De tijd die toetsers kwijt zijn en de timing in het jaar nemen we mee naar de "
        "volgende cyclus. Verbeteren blijft het werk van de eerste lijn: de aanbevelingen horen "
        "in 2024 in de planning- en controlcyclus van elk onderdeel.",
    ),
    # Bijlagen
    "bijlage-1": md(
        "Het volwassenheidsmodel kent vijf niveaus, van *Ad hoc* tot *Optimaliseren*. Het "
        "toetskader van deze cyclus werkt per principe uit wat elk niveau betekent.",
    ),
    "bijlage-2": md(
        "Kwaliteitsmanagement is een van de disciplines waarmee een organisatie zich bestuurt. "
        "UWV kent acht managementprincipes die de directies helpen de organisatie te leiden naar "
        "betere prestaties. In de cyclus van drie jaar komt elk principe aan de beurt.",
    ),
}

REPORT_2023 = ReportTexts(
    texts=TEXTS_2023,
    titles={"reacties": CHAPTER_10_TITLE},
    # 2023's order: Klantgerichtheid, Sturen en verantwoorden, Operationele Kwaliteit.
    moved_up=("principe-sturen-verantwoorden",),
    # The structure page shows the workflow: two sections wait for a colleague's review and one
    # is still being written; so 2023 cannot be published Definitief yet.
    left_for_review=frozenset({"aandachtsgebieden", "principe-operationele-kwaliteit-normen"}),
    left_in_concept=frozenset({"principe-sturen-verantwoorden-samenwerking"}),
)


TEXTS_2022 = {
    "inleiding": md(
        "Dit rapport vat de Interne Toets KMS 2022 samen voor de Raad van Bestuur en de "
        "Groepsraad. Het toetsteam van BC&K en FEZ toetste de bedrijfsonderdelen kruislings op "
        "drie managementprincipes: Leiderschap, Vakmanschap en Procesbenadering.",
    ),
    "leeswijzer": md(
        "Hoofdstuk 2 vat samen, hoofdstuk 3 legt de aanpak uit en de hoofdstukken daarna geven "
        "per principe wat we over de onderdelen heen zagen.",
    ),
    "dankwoord": md(
        "Wij danken alle collega's die ons ontvingen, documenten aanleverden en hun "
        "gespreksverslag bevestigden, en het toetsteam voor zijn zorgvuldige werk.",
    ),
    "samenvatting": md(
        "Elk getoetst onderdeel heeft een kwaliteitsmanagementsysteem dat in de teams wordt "
        "herkend. Het effect van verbeteringen wordt nog niet overal gemeten; dat is het "
        "belangrijkste aandachtspunt voor de komende cyclus.",
    ),
    "wat-gaat-goed": md(
        "Leidinggevenden maken kwaliteit bespreekbaar en medewerkers kennen de werkwijze van "
        "hun team. Processen zijn bij de meeste onderdelen beschreven.",
    ),
    "samenvatting-hoofdbevindingen": md(
        "Dit jaar kwam geen rode draad bij alle principes terug; zie "
        "[hoofdstuk 5](#hoofdbevindingen).",
    ),
    "scope": md(
        "De toets van 2022 was het eerste jaar van de cyclus van drie jaar en ging over "
        "Leiderschap, Vakmanschap en Procesbenadering. Een principe dat bij een onderdeel niet "
        "is getoetst, telt daar niet mee.",
    ),
    "waarderend-onderzoek": md(
        "We stelden open vragen: *waar ben je trots op, en wat wil je beter doen?* Dat geeft "
        "een rijker beeld dan een afvinklijst.",
    ),
    "bronnen": md(
        "Per onderdeel bestudeerden we de documenten van de documentatielijst en voerden we "
        "gesprekken op door loting gekozen plaatsen. Alleen bevestigde verslagen tellen mee.",
    ),
    "kalibratie": md(
        "Elk onderdeel kreeg per principe een niveau van 1 tot 5 met een onderbouwing. In een "
        "kalibratiesessie legden de toetsers hun scores naast elkaar; er hoefde niets te "
        "worden bijgesteld.",
    ),
    "afstemming": md(
        "Elk rapport per onderdeel is met de directie afgestemd en definitief gemaakt. Het "
        "oprolteam zocht daarna naar rode draden over de onderdelen heen.",
    ),
    "disclaimer": md(
        "De toets rust op steekproeven en een model dat we nog verder aanscherpen.",
    ),
    "totaal-uwv": md(
        "Hieronder het gemiddelde niveau per principe over de onderdelen waar het is getoetst.",
    ),
    "goede-voorbeelden": md(
        "Uitkeren laat bij alle drie de principes een herhaalbare aanpak zien die in de teams "
        "leeft.",
    ),
    "aandachtsgebieden": md(
        "Bij HRM is de procesbenadering nog vooral in opzet aanwezig: de processen zijn "
        "beschreven, maar er wordt nog weinig op gestuurd.",
    ),
    "hoofdbevindingen": md(
        "In 2022 vond het oprolteam geen rode draad die bij alle getoetste principes terugkwam. "
        "Er is daarom dit jaar geen hoofdbevinding; de aandachtspunten staan per principe in de "
        "volgende hoofdstukken.",
    ),
    "principe-leiderschap-algemeen": md(
        "Leiderschap is bij alle onderdelen getoetst. Leidinggevenden geven richting en maken "
        "kwaliteit bespreekbaar; risico's worden nog niet overal expliciet afgewogen.",
    ),
    "principe-leiderschap-instrumenten": md(
        "We zagen jaarplannen, risicosessies en de directiebeoordeling.",
    ),
    "principe-leiderschap-leren": md(
        "- Uitkeren bespreekt de risico's van het onderdeel elk tertaal in het MT.",
    ),
    "principe-leiderschap-verbetering": md(
        "- Leg vast welke risico's het MT accepteert en waarom.",
    ),
    "principe-vakmanschap-algemeen": md(
        "Vakmanschap is bij alle onderdelen getoetst. Medewerkers weten hoe hun werk juist en "
        "tijdig moet; de ontwikkeling van hun rol in het kwaliteitssysteem krijgt minder "
        "aandacht.",
    ),
    "principe-vakmanschap-instrumenten": md(
        "We zagen opleidingsplannen, werkinstructies en intercollegiale toetsing.",
    ),
    "principe-vakmanschap-leren": md(
        "- Bij Handhaving krijgen nieuwe medewerkers een buddy uit een ander team.",
    ),
    "principe-vakmanschap-verbetering": md(
        "- Neem de rol van medewerkers in het kwaliteitssysteem op in de ontwikkelgesprekken.",
    ),
    "principe-procesbenadering-algemeen": md(
        "Procesbenadering is bij alle onderdelen getoetst. De processen zijn beschreven; of ze "
        "juist, tijdig en volledig worden uitgevoerd, wordt nog niet overal gemeten.",
    ),
    "principe-procesbenadering-instrumenten": md(
        "We zagen procesoverzichten, procesbeschrijvingen en een enkele procesmeting.",
    ),
    "principe-procesbenadering-leren": md(
        "- Gegevensdiensten houdt een actueel overzicht van zijn kernprocessen bij.",
    ),
    "principe-procesbenadering-verbetering": md(
        "- Meet per kernproces of het juist, tijdig en volledig wordt uitgevoerd.",
    ),
    "reacties": md(
        "### Managementreacties",
        "Elk rapport is met de directie van het onderdeel afgestemd. De directies herkenden "
        "het beeld en nemen de aandachtspunten op in hun jaarplan.",
        "### Beschouwing FEZ",
        "De eerste interne toets liet zien dat UWV zijn kwaliteitsmanagement zelf kan "
        "beoordelen. We nemen de lessen mee naar 2023.",
    ),
    "bijlage-1": md("Het volwassenheidsmodel kent vijf niveaus, van *Ad hoc* tot *Optimaliseren*."),
    "bijlage-2": md("UWV kent acht managementprincipes; de cyclus van drie jaar dekt ze alle."),
}

REPORT_2022 = ReportTexts(texts=TEXTS_2022, titles={"reacties": CHAPTER_10_TITLE})
