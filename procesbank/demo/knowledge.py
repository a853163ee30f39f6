"""Demo knowledge: questions and answers between the seven municipalities, the topics people
follow, and lessons learned on the demo's finished projects (plus Gribskov's finished project
on building permits). Written through the services, so notifications and audit rows are real.
Safe to run again: a question is looked up by its title, a lesson by its project."""

from __future__ import annotations

from dataclasses import dataclass

from procesbank.catalogue.models import Candidate
from procesbank.handbook.models import Page
from procesbank.knowledge import services
from procesbank.knowledge.models import Answer, Question
from procesbank.organisations.models import User
from procesbank.processes.models import Process, VersionKind
from procesbank.projects import services as project_services
from procesbank.projects.models import Project, ProjectPhase

BUILDING_PERMIT = "Ansøgning om byggetilladelse (enfamiliehus)"
MOVING = "Anmeldelse af flytning (Borgerservice)"
HIRING = "Ansættelse af ny medarbejder"
INVOICES = "Automatisk kontering af kreditorfakturaer"


def _consultant(slug: str) -> User:
    return User.objects.get(username=f"konsulent.{slug}")


def _process(slug: str, name: str) -> Process | None:
    return Process.objects.filter(municipality__slug=slug, name=name).first()


@dataclass(frozen=True)
class DemoAnswer:
    by: str  # municipality slug
    body: str
    process: tuple[str, str] | None = None  # (municipality slug, process name)
    candidate: tuple[str, str] | None = None  # (municipality slug, candidate title)
    page: str = ""  # the title of a handbook page
    accepted: bool = False


@dataclass(frozen=True)
class DemoQuestion:
    by: str
    title: str
    body: str
    topic: str
    kle_code: str = ""
    it_systems: tuple[str, ...] = ()
    answers: tuple[DemoAnswer, ...] = ()


QUESTIONS: tuple[DemoQuestion, ...] = (
    DemoQuestion(
        by="hoersholm",
        title="Hvordan måler I tiden på jeres byggesager?",
        body=(
            "Vi skal kortlægge processen for byggetilladelse til enfamiliehuse og vil gerne have "
            "tal på, hvor lang tid hver opgave tager, før vi ændrer noget. Tager I tid med stopur, "
            "bruger I tidsregistrering i ESDH, eller skønner I i en workshop? Og hvor mange sager "
            "skal man have med, før tallene er til at stole på?"
        ),
        topic="tidsmaaling",
        kle_code="02.34.02",
        it_systems=("Byg og Miljø", "SBSYS"),
        answers=(
            DemoAnswer(
                by="helsingoer",
                body=(
                    "Vi gjorde det i tre trin: først en workshop med tre byggesagsbehandlere, "
                    "hvor hver opgave fik et mindst/mest sandsynligt/højst-skøn i minutter. "
                    "Derefter tog to af dem tid på 25 sager over fire uger (et simpelt skema ved "
                    "siden af Byg og Miljø). Skønnene ramte inden for 15 % på alt undtagen "
                    "partshøringen, som tager meget længere, når der er dispensation. Vores "
                    "proces ligger i biblioteket med tallene på hver opgave; brug den gerne som "
                    "skabelon."
                ),
                process=("helsingoer", BUILDING_PERMIT),
                page="Tidsmåling med et tidsstudie",
                accepted=True,
            ),
            DemoAnswer(
                by="gribskov",
                body=(
                    "Vi trak liggetiden ud af Byg og Miljø og SBSYS i stedet for at tage tid. Det "
                    "giver gennemløbstid, ikke arbejdstid, så pas på med at blande de to i "
                    "business casen. Kombinér gerne: liggetid fra systemet, arbejdstid fra skøn."
                ),
            ),
        ),
    ),
    DemoQuestion(
        by="gribskov",
        title="Hvem har erfaring med en robot til kontering af kreditorfakturaer?",
        body=(
            "Vi overvejer RPA på fakturaer, der ikke kan konteres automatisk i økonomisystemet. "
            "Hvor stor en andel kunne robotten tage, og hvad kostede det at holde den kørende?"
        ),
        topic="automatisering",
        kle_code="00.32",
        it_systems=("Prisme",),
        answers=(
            DemoAnswer(
                by="hilleroed",
                body=(
                    "Vores robot tager omkring 60 % af de fakturaer, der før blev konteret i "
                    "hånden. Resten er nye leverandører og fakturaer uden ordrenummer. Regn med en "
                    "halv dag om måneden til drift, og mere når leverandøren opdaterer "
                    "skærmbillederne."
                ),
                candidate=("hilleroed", INVOICES),
            ),
        ),
    ),
    DemoQuestion(
        by="halsnaes",
        title="Hvordan får I sagsbehandlerne med på en ny arbejdsgang?",
        body=(
            "Vi har en god skal-være-proces, men modstanden i teamet er stor. Hvad har virket hos "
            "jer?"
        ),
        topic="forandring",
        answers=(
            DemoAnswer(
                by="fredensborg",
                body=(
                    "Lad to sagsbehandlere tegne skal-være-processen sammen med konsulenten i "
                    "stedet for at præsentere den færdig. Og fortæl, hvad den sparede tid skal "
                    "bruges til, før nogen spørger: ellers tror alle, det handler om besparelser."
                ),
            ),
        ),
    ),
    DemoQuestion(
        by="frederikssund",
        title="Har nogen lavet en business case på digital anmeldelse af flytning?",
        body=(
            "Vi vil gerne genbruge en business case frem for at starte forfra. Særligt hvordan I "
            "har regnet gevinsten ved færre henvendelser i Borgerservice."
        ),
        topic="business_case",
        kle_code="23.05",
    ),
    DemoQuestion(
        by="fredensborg",
        title="Hvilke KPI'er bruger I til gevinstrealisering i hjemmeplejen?",
        body="Vi leder efter målbare indikatorer, som ledelsen kan følge kvartalsvis.",
        topic="gevinster",
    ),
)

FOLLOWS = {
    "helsingoer": ["tidsmaaling", "kortlaegning"],
    "gribskov": ["tidsmaaling", "automatisering"],
    "hilleroed": ["automatisering"],
    "fredensborg": ["forandring", "gevinster"],
    "hoersholm": ["tidsmaaling", "business_case"],
    "halsnaes": ["forandring"],
    "frederikssund": ["business_case"],
}


def load_questions() -> int:
    """Create the demo questions that are missing (with their answers); returns how many."""
    for slug, topics in FOLLOWS.items():
        services.topic_follow_set(user=_consultant(slug), topics=topics)
    created = 0
    for spec in QUESTIONS:
        asker = _consultant(spec.by)
        if Question.objects.filter(municipality=asker.municipality, title=spec.title).exists():
            continue
        question = services.question_create(
            user=asker,
            title=spec.title,
            body=spec.body,
            topic=spec.topic,
            kle_code=spec.kle_code,
            it_systems=spec.it_systems,
        )
        for answer_spec in spec.answers:
            answer = _answer(question, answer_spec)
            if answer_spec.accepted:
                services.answer_accept(user=asker, answer=answer)
        created += 1
    return created


def _answer(question: Question, spec: DemoAnswer) -> Answer:
    process = _process(*spec.process) if spec.process else None
    candidate = (
        Candidate.objects.filter(
            municipality__slug=spec.candidate[0], title=spec.candidate[1]
        ).first()
        if spec.candidate
        else None
    )
    page = Page.objects.filter(title=spec.page).first() if spec.page else None
    return services.answer_create(
        user=_consultant(spec.by),
        question=question,
        body=spec.body,
        linked_process=process,
        linked_candidate=candidate,
        linked_handbook_page=page,
    )


# --- lessons ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoLesson:
    worked: str
    did_not_work: str
    advice: str
    topic: str
    project_type: str


LESSONS: dict[str, DemoLesson] = {
    MOVING: DemoLesson(
        worked=(
            "Vi kortlagde som-er-processen med to medarbejdere fra skranken, og de fandt selv de "
            "tre dobbeltregistreringer, der nu er væk. Den digitale blanket hentede adressen fra "
            "DAR, så fejl i adressen forsvandt næsten."
        ),
        did_not_work=(
            "Vi undervurderede henvendelserne i overgangsperioden: de første seks uger steg "
            "telefonerne, fordi borgerne ikke fik en kvittering, de forstod."
        ),
        advice=(
            "Skriv kvitteringsmailen sammen med Borgerservice før go-live, og mål henvendelserne "
            "to måneder før og efter, så gevinsten kan dokumenteres."
        ),
        topic="kortlaegning",
        project_type="selvbetjening",
    ),
    HIRING: DemoLesson(
        worked=(
            "En fælles tjekliste for leder, HR og IT fra første dag; den nye medarbejder har nu "
            "pc og adgang på første arbejdsdag i ni ud af ti ansættelser."
        ),
        did_not_work=(
            "Robotten til oprettelse i lønsystemet blev forsinket af adgangsrettigheder; vi skulle "
            "have involveret it-sikkerhed i analysefasen."
        ),
        advice=(
            "Få gevinstejeren i HR udpeget før business casen godkendes, og aftal, hvem der "
            "vedligeholder tjeklisten, når projektet slutter."
        ),
        topic="automatisering",
        project_type="digitalisering",
    ),
    BUILDING_PERMIT: DemoLesson(
        worked=(
            "Tidsmålingen på 25 byggesager viste, at partshøringen ved dispensation var "
            "flaskehalsen. En standardskrivelse og en fast frist halverede liggetiden for "
            "byggetilladelse til enfamiliehuse."
        ),
        did_not_work=(
            "Integrationen mellem Byg og Miljø og ESDH krævede manuel journalisering længere end "
            "planlagt; leverandøren leverede tre måneder for sent."
        ),
        advice=(
            "Mål tiden før I ændrer noget, og brug liggetid fra systemet sammen med arbejdstid fra "
            "skøn. Spørg Helsingør: de har en god skabelon for tidsmåling på byggesager."
        ),
        topic="tidsmaaling",
        project_type="procesoptimering",
    ),
}


def _finished_building_permit_project() -> None:
    """Gribskov's project on building permits, in operation (for the lesson on the process)."""
    consultant = _consultant("gribskov")
    process = _process("gribskov", BUILDING_PERMIT)
    name = "Hurtigere byggetilladelser"
    if (
        process is None
        or Project.objects.filter(municipality=consultant.municipality, name=name).exists()
    ):
        return
    versions = process.versions.order_by("created_at", "id")
    project_services.project_create(
        user=consultant,
        name=name,
        description="Kortere sagsbehandlingstid på byggetilladelser til enfamiliehuse.",
        owner=consultant,
        phase=ProjectPhase.REALISATION,
        as_is_version=versions.filter(kind=VersionKind.AS_IS).first(),
        to_be_version=versions.filter(kind=VersionKind.TO_BE).first(),
    )


def load_lessons() -> int:
    """A lesson on each finished demo project that has none; returns how many were made."""
    _finished_building_permit_project()
    created = 0
    finished = Project.objects.filter(phase=ProjectPhase.REALISATION, lesson__isnull=True)
    for project in finished.select_related("municipality", "as_is_version__process"):
        version = project.to_be_version or project.as_is_version
        process = version.process if version is not None else None
        spec = LESSONS.get(process.name) if process is not None else None
        author = project.owner or User.objects.filter(municipality=project.municipality).first()
        if spec is None or author is None or process is None:
            continue
        services.lesson_create(
            user=author,
            project=project,
            title=f"{project.municipality.name}: {process.name}",
            worked=spec.worked,
            did_not_work=spec.did_not_work,
            advice=spec.advice,
            topic=spec.topic,
            project_type=spec.project_type,
            kle_code=process.kle_code,
            it_systems=list(process.it_systems),
            processes=[process],
        )
        created += 1
    return created


def load_knowledge() -> int:
    return load_questions() + load_lessons()
