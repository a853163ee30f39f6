"""The IT systems and roles typed as free text before the dictionary existed become records.

IT systems: the distinct names of processes, tasks, candidates and municipality profiles,
trimmed and case-folded (" SBsys" and "SBSYS" are one record, named by the spelling used most);
the other spellings are kept as mapped spellings and the lists are rewritten to the record's
name. Roles: per municipality, the roles of its hourly rates and the lanes of its maps.
"""

from __future__ import annotations

from collections import Counter

from django.db import migrations


def _fold(name):
    return " ".join(str(name).split()).casefold()


def _tidy(name):
    return " ".join(str(name).split())


def _group(names):
    counts = Counter()
    spellings = {}
    for raw in names:
        name = _tidy(raw)[:100]
        if not name:
            continue
        counts[name] += 1
        seen = spellings.setdefault(_fold(name), [])
        if name not in seen:
            seen.append(name)
    return {
        key: (max(names, key=lambda s: (counts[s], -names.index(s))), names)
        for key, names in spellings.items()
    }


def forwards(apps, schema_editor):
    ItSystem = apps.get_model("dictionary", "ItSystem")
    ItSystemAlias = apps.get_model("dictionary", "ItSystemAlias")
    Role = apps.get_model("dictionary", "Role")
    Process = apps.get_model("processes", "Process")
    TaskMeasurement = apps.get_model("processes", "TaskMeasurement")
    RoleRate = apps.get_model("processes", "RoleRate")
    Candidate = apps.get_model("catalogue", "Candidate")
    Profile = apps.get_model("profiles", "MunicipalityProfile")

    list_models = (Process, Candidate, Profile)
    names = []
    for model in list_models:
        for systems in model.objects.values_list("it_systems", flat=True):
            names.extend(str(s) for s in systems or [] if isinstance(s, str))
    names.extend(TaskMeasurement.objects.exclude(it_system="").values_list("it_system", flat=True))
    canonical = {}
    for key, (name, spellings) in _group(names).items():
        if ItSystem.objects.filter(folded=key).exists():
            continue
        system = ItSystem.objects.create(name=name, folded=key[:100])
        canonical[key] = name
        for spelling in spellings:
            if spelling != name and _fold(spelling) != key:
                ItSystemAlias.objects.create(it_system=system, folded=_fold(spelling), text=spelling)
    for model in list_models:
        for row in model.objects.all():
            systems = [s for s in row.it_systems or [] if isinstance(s, str)]
            renamed = list(dict.fromkeys(canonical.get(_fold(s), _tidy(s)) for s in systems))
            renamed = [s for s in renamed if s]
            if renamed != row.it_systems:
                model.objects.filter(pk=row.pk).update(it_systems=renamed)

    by_municipality = {}
    for municipality_id, role in RoleRate.objects.values_list("municipality_id", "role"):
        by_municipality.setdefault(municipality_id, []).append(role)
    lanes = TaskMeasurement.objects.exclude(lane="").values_list(
        "version__process__municipality_id", "lane"
    )
    for municipality_id, lane in lanes:
        by_municipality.setdefault(municipality_id, []).append(lane)
    for municipality_id, roles in by_municipality.items():
        for key, (name, _spellings) in _group(roles).items():
            Role.objects.get_or_create(
                municipality_id=municipality_id,
                folded=key[:200],
                defaults={"name": name[:200]},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("dictionary", "0001_initial"),
        ("processes", "0004_search_vector_and_list_indexes"),
        ("catalogue", "0007_candidate_expected_in_operation_on"),
        ("profiles", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
