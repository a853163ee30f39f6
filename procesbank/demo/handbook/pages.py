"""The starter handbook's pages, written for Procesbank and the collaboration (Markdown).

Each entry: (owner municipality's slug, section, position, title, summary, body). The figures
in the examples are computed the way Procesbank computes them (PERT time, NPV at 3.5 %), so a
reader can check them against the platform.
"""

from __future__ import annotations

BPMN = """\
Et procesdiagram er kun nyttigt, hvis en kollega fra en anden kommune kan læse det uden at
spørge. Derfor tegner vi alle processer i Procesbank efter de samme få regler.

## Opgaver: udsagnsord + navneord

Hver opgave beskriver én handling, som én rolle udfører. Skriv den som **udsagnsord i
bydeform + navneord**:

| Skriv | Skriv ikke |
|---|---|
| Modtag ansøgning | Ansøgning |
| Vurdér om sagen er komplet | Sagsbehandling |
| Send afgørelse | Afgørelsen sendes af sagsbehandleren |
| Opret sag i ESDH | ESDH |

Kan du ikke finde ét udsagnsord, er opgaven sandsynligvis to opgaver.

## Baner (lanes) er roller, ikke personer

En bane er en **rolle**: *Sagsbehandler*, *Borgerservice*, *Teamleder*, *Borger*. Skriv aldrig
navne på personer, og lav ikke en bane pr. afdeling, hvis det er den samme rolle, der arbejder.
Borgeren eller virksomheden får sin egen bane øverst, så man kan se, hvor de venter.

## Én start, én slut

- Processen har **én starthændelse**, navngivet efter det, der udløser den: *Ansøgning
  modtaget*.
- Den har som udgangspunkt **én sluthændelse**: *Afgørelse sendt*. Har processen reelt flere
  udfald (bevilget / afslået), må du bruge to sluthændelser, men navngiv dem efter udfaldet.
- En proces uden tydelig start og slut kan ikke tidsmåles og ikke sammenlignes.

## Beslutninger

En gateway er et **spørgsmål**: *Er ansøgningen komplet?* De udgående pile får svarene *Ja* og
*Nej*. Brug eksklusive gateways (X), medmindre arbejdet virkelig foregår parallelt.

## Detaljeniveau

- 5-30 opgaver pr. diagram. Flere end 30: del processen op i delprocesser.
- Tegn den proces, der foregår i dag (**som-er**), før I tegner den fremtidige (**skal-være**).
  Procesbank holder dem som versioner af samme proces, så tiderne kan sammenlignes.
- Skriv it-systemer på opgaven (feltet *it-system*), ikke som egne baner.
- Giv processen et KLE-nummer, så andre kommuner kan finde den.

## Tjekliste før du deler

1. Kan en kollega i en anden kommune forstå diagrammet uden dig?
2. Er alle opgaver udsagnsord + navneord?
3. Har alle gateways et spørgsmål og navngivne udgange?
4. Én start, og slut(ter) navngivet efter udfaldet?
5. Er processen tidsmålt (se afsnittet *Tidsmåling*)?
"""

INTERVIEW = """\
De fleste processer kortlægges i en workshop på 2-3 timer med de medarbejdere, der udfører
arbejdet. Brug skabelonen **Interviewguide til kortlægning** fra skabelonsiden.

## Før workshoppen

- Afgræns processen: hvad starter den, og hvad er resultatet?
- Inviter 3-6 personer, der **udfører** arbejdet, og gerne én, der modtager resultatet.
  Lederen kan komme til sidst og høre resultatet.
- Hent tal: antal sager pr. år (fra ESDH eller fagsystemet) og eventuelle klager.

## Under workshoppen

1. Tegn den seneste konkrete sag, deltagerne husker, ikke "den normale sag".
2. Skriv opgaverne på post-its: udsagnsord + navneord.
3. Spørg ved hver opgave: *Hvem gør det? Hvilket system? Hvor lang tid tager det? Hvor ofte
   går det galt?*
4. Markér ventetid og genarbejde med en rød prik.
5. Slut med: *Hvis I selv bestemte, hvad ville I så lave om?*

## Efter workshoppen

Tegn processen i Procesbank samme eller næste dag, og send linket til deltagerne. De retter
mere i et diagram, de kan se, end i et referat.
"""

TIMES = """\
Et tidsstudie giver de tal, som både business casen og gevinstrealiseringen står på. Uden en
baseline kan ingen se, om forandringen virkede.

## Tre tal pr. opgave

For hver opgave i processen registrerer vi tre tider i minutter:

- **mindste tid**: en nem sag uden afbrydelser,
- **mest sandsynlige tid**: den typiske sag,
- **største tid**: en svær sag (ikke den værste nogensinde).

Procesbank regner den forventede tid som et vægtet gennemsnit (PERT):
`(mindste + 4 × mest sandsynlige + største) / 6`.

### Eksempel: ansøgning om byggetilladelse

| Opgave | Mindst | Sandsynlig | Størst | Forventet |
|---|---|---|---|---|
| Registrér ansøgning | 4 | 6 | 14 | (4 + 24 + 14) / 6 = **7 min.** |
| Vurdér om sagen er komplet | 5 | 10 | 21 | (5 + 40 + 21) / 6 = **11 min.** |

Med 1.200 byggesager om året bruges der på de to opgaver
`(7 + 11) × 1.200 / 60 = 360 timer` om året.

## Sådan måler I

1. **Observation med stopur**: følg 10-20 sager pr. opgave. Det mest præcise, men det tager
   tid, og folk arbejder hurtigere, når de bliver set.
2. **Selvregistrering**: medarbejderne noterer start og slut i en uge på et simpelt skema.
   Husk at bede dem notere afbrydelser.
3. **Estimat i workshop**: de tre tal aftales i fællesskab. Hurtigt og godt nok til en første
   business case; mål igen, før gevinsten skal dokumenteres.
4. **Data fra systemerne**: tidsstempler i fagsystemet giver gennemløbstid og ventetid, ikke
   arbejdstid. Se afsnittet om process mining.

## Gode råd

- Skeln mellem **arbejdstid** (det, der koster løn) og **gennemløbstid** (det, borgeren
  oplever). Begge er vigtige, men de må ikke blandes.
- Mål det samme på samme måde før og efter. Skriv metoden i procesbeskrivelsen.
- Antal sager pr. år skal komme fra et system, ikke fra hukommelsen.
"""

MINING = """\
Et proceskort fra process mining viser, hvordan sagerne **faktisk** er gået gennem systemet,
ikke hvordan vi tror, de går.

## Det skal hændelsesloggen indeholde

| Felt | Eksempel | Bemærk |
|---|---|---|
| Sags-ID | 2026-004711 | Pseudonymisér, før du lægger filen op |
| Aktivitet | Afgørelse sendt | Samme navn hver gang |
| Tidsstempel | 2026-03-04 10:15 | Med klokkeslæt |
| Ressource (valgfri) | Team Byg | En rolle eller et team, ikke en person |

## Sådan læser du kortet

- **Kasserne** er aktiviteter; tallet er, hvor mange gange de er sket.
- **Pilene** viser rækkefølgen. En tyk pil er en almindelig vej; en tynd pil er en undtagelse.
- Skift til **tid** for at se ventetiden mellem aktiviteterne. De lange pile er der, hvor
  borgeren venter.
- **Varianter** er de forskellige veje, sagerne har taget. Ofte dækker de 3-5 største
  varianter langt de fleste sager; resten er undtagelser, der er værd at forstå.
- **Løkker** (en pil tilbage) er genarbejde: manglende oplysninger, fejl, partshøring.

## Faldgruber

- Tidsstempler, der sættes i batch om natten, giver falske ventetider.
- En aktivitet, der ikke registreres i systemet, findes ikke på kortet.
- Sammenlign kun kommuner, hvis de registrerer aktiviteterne på samme måde.
"""

BUSINESS_CASE = """\
Vi bruger den statslige business case-model (Digitaliseringsstyrelsen), tilpasset kommunerne.
Procesbanks business case følger den.

## Indhold

1. **Baggrund og formål**: hvilket problem løser projektet, og for hvem?
2. **Alternativer**: mindst "gør ingenting" og den foreslåede løsning.
3. **Omkostninger** pr. år: anskaffelse, implementering (også egen tid), drift og licenser.
4. **Gevinster** pr. år: frigjort tid (fra tidsstudiet), sparede udgifter, og kvalitative
   gevinster for borgeren.
5. **Risici** og hvordan de håndteres.
6. **Nøgletal**: nutidsværdi, tilbagebetalingstid.

## Nutidsværdi ved 3,5 %

Penge i fremtiden er mindre værd end penge i dag. Finansministeriets diskonteringsrente er
**3,5 %** (real rente for de første 35 år). Nutidsværdien er summen af hvert års nettobeløb
divideret med `1,035^år`.

### Eksempel

Investering 500.000 kr. i år 0, derefter en nettogevinst på 200.000 kr. om året i 4 år:

| År | Netto | Faktor | Nutidsværdi |
|---|---|---|---|
| 0 | -500.000 | 1,0000 | -500.000 |
| 1 | 200.000 | 0,9662 | 193.237 |
| 2 | 200.000 | 0,9335 | 186.702 |
| 3 | 200.000 | 0,9019 | 180.389 |
| 4 | 200.000 | 0,8714 | 174.288 |
| **I alt** | | | **234.616** |

Projektet er altså ca. 235.000 kr. værd i dagens penge, og det har tjent sig hjem i løbet af
år 3.

## Risiko

Skriv for hver linje tre beløb: **lavt, sandsynligt og højt**. Brug det høje beløb for
omkostninger og det lave for gevinster i en forsigtig beregning. Typiske risici:

- egen tid til implementering undervurderes (læg 20-30 % til),
- gevinsten afhænger af, at borgerne bruger selvbetjeningen,
- leverandørens tidsplan skrider, så gevinsterne kommer et år senere.

Gevinster, der ikke kan hentes i budgettet (frigjort tid, der bruges på andet), skal stå
som **ikke budgetrelevante**; det er ærligt og gør business casen troværdig.
"""

BENEFITS = """\
En gevinst, ingen måler, bliver ikke realiseret. Hver gevinst i Procesbank har derfor en KPI,
en baseline, et mål og en ejer.

## Gevinstdiagrammet

Læs fra venstre mod højre: **leverance → forandring → gevinst → mål**. Eksempel:

*Digital selvbetjening* (leverance) → *Borgeren søger selv* (forandring) → *Færre
telefonopkald* (gevinst) → *Bedre service med samme ressourcer* (mål).

Hvis en gevinst ikke kan føres tilbage til en forandring, er den ikke en gevinst af projektet.

## Fire ting for hver gevinst

| | Spørgsmål | Eksempel |
|---|---|---|
| **KPI** | Hvad måler vi, i hvilken enhed? | Gennemsnitlig sagsbehandlingstid, dage |
| **Baseline** | Hvad er værdien før, og hvornår målt? | 28 dage pr. 1.1.2026 |
| **Mål** | Hvad skal den være, og hvornår? | 12 dage pr. 31.12.2027 |
| **Ejer** | Hvem har ansvaret, når projektet er slut? | Afdelingslederen for Byg |

Ejeren er en **linjeleder**, ikke projektlederen: gevinsten skal hentes i driften, efter
projektet er lukket.

## Måling og opfølgning

- Mål med den frekvens, der står i planen (månedligt, kvartalsvis eller årligt), og med samme
  metode som baselinen.
- Procesbank sammenligner målingen med den planlagte kurve fra baseline til mål. Er gevinsten
  bagud, skal der skrives en forklaring: hvad er årsagen, og hvad gør vi?
- Følg op på porteføljesiden mindst hvert kvartal i ledergruppen.
"""

CHANGE = """\
En ny proces eller et nyt system ændrer folks arbejdsdag. Forandringen lykkes, når
medarbejderne forstår hvorfor, ved hvad der skal ske, og har været med til at forme det.

## Interessentanalyse

Lav den i projektets første uge. Placér hver interessent efter **indflydelse** og
**holdning** (som i Procesbanks interessentkort):

- høj indflydelse, negativ holdning: tal med dem først og personligt,
- høj indflydelse, positiv holdning: gør dem til ambassadører,
- lav indflydelse: hold dem orienteret, lyt efter bekymringer.

## Kommunikationsplan

For hver aktivitet: **målgruppe, budskab, kanal, afsender og tidspunkt**. Brug skabelonen
*Kommunikationsplan*. Tommelfingerregler:

- Nærmeste leder er den bedste afsender af budskaber om ens eget arbejde.
- Sig det, I ved, også når I ikke ved alt endnu.
- Fortæl hvad der **ikke** ændres; det skaber ro.

## Involvering

- Lad medarbejderne tegne processen (se *Interview og workshop til kortlægning*).
- Udpeg superbrugere i hvert team i god tid før idriftsættelse.
- Planlæg oplæring tæt på idriftsættelsen, ikke måneder før.

## Modstand

Modstand er information. Spørg: *Hvad er du bekymret for?* Ofte peger svaret på en risiko,
projektet har overset.
"""

PROJECT_MODEL = """\
Vi følger faserne i den statslige projektmodel, tilpasset kommunale projekter. Procesbanks
projekter har de samme faser, og en fase afsluttes med en beslutning (gate) i styregruppen.

| Fase | Formål | Leverancer før næste gate |
|---|---|---|
| **Idé** | Er problemet værd at løse? | Kort projektidé, første skøn over gevinst |
| **Analyse** | Hvordan løser vi det bedst? | Som-er-proces, tidsstudie, business case |
| **Anskaffelse** | Køb eller byg løsningen | Kontrakt, opdateret business case |
| **Gennemførelse** | Udvikl, test og implementér | Løsning i drift, oplærte brugere |
| **Realisering** | Hent gevinsterne | Målinger mod baseline, overdragelse til linjen |

## Gates

Ved hver gate tager styregruppen stilling til: Er business casen stadig positiv? Er
risiciene under kontrol? Er der ressourcer til næste fase? Svaret kan være *fortsæt*,
*justér* eller *stop*. Et stoppet projekt er ikke en fiasko, hvis det stoppes i tide.

## Roller

- **Projektejer**: direktør eller chef; ejer business casen og træffer beslutningerne.
- **Projektleder**: leder projektet i det daglige.
- **Gevinstejer**: linjeleder, der skal hente gevinsten (se *Gevinstrealisering*).
- **Styregruppe**: projektejer, gevinstejere og de vigtigste interessenter.

Analysefasen slutter med et projektgrundlag: brug skabelonen *Projektgrundlag*. I
gennemførelsen tegnes skal-være-processen i Procesbank som en ny version af processen.
"""

PRIVATE_NOTE = """\
Intern note for Hørsholm: vores aftaler om kortlægning ud over samarbejdets fælles regler.

- Vi bruger altid KLE på tredje niveau.
- Alle som-er-processer godkendes af teamlederen, før de deles med samarbejdet.
"""

PAGES = [
    ("helsingoer", "mapping", 0, "Sådan tegner vi BPMN i Procesbank",
     "Fælles regler for procesdiagrammer: opgaver, baner, start og slut, beslutninger.", BPMN),
    ("gribskov", "mapping", 1, "Interview og workshop til kortlægning",
     "Sådan får du processen frem sammen med dem, der udfører den.", INTERVIEW),
    ("helsingoer", "times", 0, "Tidsmåling med et tidsstudie",
     "Tre tider pr. opgave, PERT og antal sager: grundlaget for business case og gevinster.",
     TIMES),
    ("hilleroed", "mining", 0, "Sådan læser du et proceskort",
     "Hændelseslog, varianter, ventetid og genarbejde i process mining.", MINING),
    ("fredensborg", "business_case", 0, "Business case efter den statslige model",
     "Omkostninger, gevinster, nutidsværdi ved 3,5 % og risiko.", BUSINESS_CASE),
    ("halsnaes", "benefits", 0, "Gevinstrealisering: KPI, baseline, mål og ejer",
     "Gevinstdiagram, de fire ting hver gevinst skal have, og opfølgning.", BENEFITS),
    ("frederikssund", "change", 0, "Forandringsledelse og kommunikation",
     "Interessentanalyse, kommunikationsplan, involvering og modstand.", CHANGE),
    ("helsingoer", "project_model", 0, "Den statslige projektmodel i kommunen",
     "Faser, gates og roller fra idé til realiserede gevinster.", PROJECT_MODEL),
]  # fmt: skip

#: A page kept in one municipality (not shared): the isolation is visible in the demo.
PRIVATE_PAGE = ("hoersholm", "mapping", 9, "Hørsholms egne kortlægningsregler",
                "Kun for Hørsholm.", PRIVATE_NOTE)  # fmt: skip

#: The first edition of the BPMN page, so its history has something to compare and restore.
BPMN_FIRST_EDITION = """\
Regler for procesdiagrammer i samarbejdet.

## Opgaver

Navngiv opgaver med udsagnsord og navneord, fx *Modtag ansøgning*.

## Baner

En bane pr. rolle.
"""
