"""Every form of the apps is in the house style (``HouseStyleMixin``): selects open with
"— Vælg —" and number fields read "25,6" as well as "25.6"."""

from __future__ import annotations

import importlib
import pkgutil

from django import forms

import procesbank
from procesbank.kit.formfields import HouseStyleMixin


def _forms_of_the_apps() -> set[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(procesbank.__path__, "procesbank."):
        if ".tests" not in module.name and ".migrations" not in module.name:
            importlib.import_module(module.name)
    found: set[type[forms.BaseForm]] = set()
    pending = [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            module = subclass.__module__
            if module.startswith("procesbank.") and not module.startswith("procesbank.kit."):
                found.add(subclass)
    return found


def test_every_form_of_the_apps_has_the_house_style():
    found = _forms_of_the_apps()

    plain = [f"{f.__module__}.{f.__name__}" for f in found if not issubclass(f, HouseStyleMixin)]

    assert len(found) > 40
    assert sorted(plain) == []
