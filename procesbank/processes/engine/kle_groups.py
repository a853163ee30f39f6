"""The main groups (hovedgrupper) of KLE, the first two digits of every KLE number.

KLE, Kommunernes Landsforenings Emnesystematik, is KL's classification of the subjects of
municipal cases; every case in an ESDH system carries a KLE number (NN.NN.NN: main group, group,
topic) and a handlingsfacet (what the municipality does in the case, e.g. G01 Generelle sager).

The full plan is KL's and licensed; it is loaded from KL's XML file (see
:func:`procesbank.processes.engine.kle.parse_kle_plan`). This short list lets us validate and name a
main group without it.

Source: the KLE main groups as listed, with links to kle-online.dk, in Digitaliseringsstyrelsen's
annex of classifications for the common public architecture (it lists 00-88). Main groups change
rarely, but they do change (54 Uddannelse and 86-88 are among the newer ones; numbers such as
10-12, 16 and 26 are not in use), so check the list against KL's published plan
(https://www.kle-online.dk/emneplan/) once a year, when KL publishes the January edition.
"""

from __future__ import annotations

from types import MappingProxyType

KLE_MAIN_GROUPS: MappingProxyType[str, str] = MappingProxyType(
    {
        "00": "Kommunens styrelse",
        "01": "Fysisk planlægning og naturbeskyttelse",
        "02": "Byggeri",
        "03": "Boliger",
        "04": "Parker, fritids-/idrætsanlæg og landskabspleje mv.",
        "05": "Veje og trafik",
        "06": "Spildevand og vandløb",
        "07": "Affald og genanvendelse",
        "08": "Havne og lufthavne",
        "09": "Miljøbeskyttelse",
        "13": "Forsyning",
        "14": "Beredskab",
        "15": "Arbejdsmarked og beskæftigelsesindsats",
        "17": "Folkeskoleundervisning",
        "18": "Folkeoplysning og ungdomsskoler",
        "19": "Kulturhistoriske institutioner",
        "20": "Kulturvirksomhed",
        "21": "Biblioteker",
        "22": "Regulering af private erhverv",
        "23": "Borgerlige forhold",
        "24": "Erhvervsforhold",
        "25": "Beskatning",
        "27": "Social service",
        "28": "Dagtilbud",
        "29": "Sundhed",
        "30": "Andre myndigheders opgaver",
        "32": "Kontante ydelser",
        "54": "Uddannelse",
        "81": "Kommunens personale",
        "82": "Kommunens ejendomme og lokaler",
        "83": "Kommunens driftsmidler og inventar",
        "84": "Offentlige valg",
        "85": "Kommunens administrative systemer",
        "86": "Kommunens selvforsyning og fremstillingsvirksomhed",
        "87": "Kommunens arbejdsmiljø",
        "88": "Kommunens indkøb og udbud",
    }
)
"""KLE main group number -> its Danish title, in number order."""
