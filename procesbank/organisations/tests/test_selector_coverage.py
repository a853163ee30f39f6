"""Guard for the tenancy rule "every selector taking the acting user has a test".

Every public function of every ``procesbank/<app>/selectors.py`` (and of the modules of a
``selectors/`` package, of a ``<topic>_selectors.py`` beside it, and of the start page's panels
in ``startpage.py``, which read for the acting user too) whose first parameter is the user must
be named in a test file that imports that module. A new selector without a test fails here,
by name.

The check reads the source with :mod:`ast` (nothing is imported), so it sees exactly what is
written, and a name only counts in a test that reads the same app's selectors: a
``can_edit`` tested in mining does not cover the ``can_edit`` of projects.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # procesbank/
REPOSITORY = PACKAGE.parent

# Selectors that take the user but read nothing another municipality could own, so a
# two-municipality test has nothing to prove. Each with the reason.
EXEMPT = {
    # Returns the user's own municipality row (or refuses a user without one).
    "organisations.own_municipality",
    # The role check of the acting user.
    "knowledge.can_write",
    # The acting user's own topic follows, mail preference and language.
    "knowledge.followed_topics",
    "notifications.wants_mail",
    "notifications.language_of",
    # KL's KLE plan: the same reference data for everyone.
    "processes.kle_search",
}

# User-scoped selectors that still lack a direct test, owned by engineers working on those
# apps. Listed so that the guard catches every NEW selector today; remove a name when its test
# lands (the guard fails while a covered name is still listed, so the list only shrinks).
KNOWN_GAPS: set[str] = set()


def selector_modules() -> list[Path]:
    modules = sorted(PACKAGE.glob("*/selectors.py"))
    modules += sorted(p for p in PACKAGE.glob("*/selectors/*.py") if p.name != "__init__.py")
    modules += sorted(PACKAGE.glob("*/*_selectors.py"))
    modules += sorted(p for p in PACKAGE.glob("*/startpage.py") if p.parent.name != "kit")
    return modules


def module_name(module: Path) -> str:
    """How a test imports the module: ``selectors`` for the app's selectors (a package's
    modules included), else the module's own name (``joint_selectors``, ``startpage``)."""
    if module.name == "selectors.py" or module.parent.name == "selectors":
        return "selectors"
    return module.stem


def takes_user_first(function: ast.FunctionDef) -> bool:
    parameters = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
    if not parameters:
        return False
    first = parameters[0]
    annotation = ast.unparse(first.annotation) if first.annotation else ""
    return first.arg == "user" or annotation in {"User", "User | None"}


def user_selectors() -> dict[str, str]:
    """``app.name`` (``app.module.name`` outside the app's selectors) -> the module path, for
    every public selector taking the user first."""
    found = {}
    for module in selector_modules():
        app = module.relative_to(PACKAGE).parts[0]
        if module_name(module) != "selectors":
            app = f"{app}.{module_name(module)}"
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and takes_user_first(node)
            ):
                found[f"{app}.{node.name}"] = str(module.relative_to(REPOSITORY))
    return found


def read_test_files() -> list[str]:
    files = list(PACKAGE.glob("*/tests/**/*.py")) + list((REPOSITORY / "tests").glob("**/*.py"))
    return [path.read_text(encoding="utf-8") for path in files]


def reads_selectors_of(text: str, app: str, module: str = "selectors") -> bool:
    """Whether a test file imports ``procesbank.<app>.<module>`` (or names from it)."""
    if f"procesbank.{app}.{module}" in text:
        return True
    imports = re.finditer(rf"from procesbank\.{app} import (\([^)]*\)|[^\n]*)", text)
    return any(re.search(rf"\b{module}\b", found.group(1)) for found in imports)


def covered(qualified: str, texts: list[str]) -> bool:
    *place, name = qualified.split(".")
    app, module = (place[0], "selectors") if len(place) == 1 else place
    word = re.compile(rf"\b{re.escape(name)}\b")
    return any(reads_selectors_of(text, app, module) and word.search(text) for text in texts)


def test_the_guard_finds_the_selectors_it_guards():
    found = user_selectors()

    # A guard that found nothing would pass for ever: name a few that must be there.
    assert {
        "processes.access_process",
        "catalogue.catalogue_candidates",
        "mining.eventlog_list",
        "economics.access_line",
        "benefits.access_benefit",
    } <= set(found)
    # The joint project's selectors and the start page's panels are guarded too.
    assert any(name.startswith("economics.joint_selectors.") for name in found)
    assert "processes.startpage.processes_edited_by" in found
    assert "economics.line_rows" not in found  # takes a business case, not the user


def test_every_user_selector_is_named_in_a_test():
    texts = read_test_files()

    untested = sorted(
        f"{name} ({module})"
        for name, module in user_selectors().items()
        if name not in EXEMPT | KNOWN_GAPS and not covered(name, texts)
    )

    assert untested == [], (
        "These selectors take the acting user but no test names them; add a test with two "
        "municipalities (see procesbank/*/tests/test_selector_isolation.py): " + ", ".join(untested)
    )


def test_exemptions_and_known_gaps_are_current():
    found = user_selectors()
    texts = read_test_files()

    gone = sorted(name for name in EXEMPT | KNOWN_GAPS if name not in found)
    now_covered = sorted(name for name in KNOWN_GAPS if name in found and covered(name, texts))

    assert gone == [], f"No longer selectors taking the user; remove them from the lists: {gone}"
    assert now_covered == [], f"Tested now; remove them from KNOWN_GAPS: {now_covered}"
