from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.benefits.models import MAP_LEVELS, Benefit, BenefitMapNode, MapLevel, Measurement
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import User
from procesbank.projects.models import Project

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BenefitForm(HouseStyleMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Benefit
        fields = [
            "name",
            "benefit_type",
            "owner",
            "owner_name",
            "kpi_name",
            "kpi_unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "schedule",
            "yearly_value",
            "business_case_line",
        ]
        widgets = {"baseline_date": DATE, "target_date": DATE}
        # Typed the Danish way ("250.000", "12,5"); unlocalized, "250.000" reads as 250.000.
        localized_fields = ("baseline_value", "target_value", "yearly_value")

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner"].queryset = User.objects.filter(
            municipality_id=project.municipality_id, is_active=True
        ).order_by("username")
        line_model = Benefit._meta.get_field("business_case_line").related_model
        fields["business_case_line"].queryset = line_model._default_manager.filter(
            business_case__project=project, kind="benefit"
        )

    def clean(self) -> dict[str, Any]:
        """A typed owner name wins over the user chosen in advance (the acting user on a new
        benefit, the earlier owner on an edit): the typed name is what the user meant. Only a
        user picked in the list together with a typed name is a conflict (the service says so)."""
        data = super().clean() or {}
        typed = (data.get("owner_name") or "").strip()
        if typed and data.get("owner") is not None and "owner" not in self.changed_data:
            data["owner"] = None
        return data


class MeasurementForm(HouseStyleMixin, forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note", "explanation"]
        widgets = {
            "measured_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
            "explanation": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"measured_on": _("Måledato")}
        localized_fields = ("value",)

    own_part = forms.BooleanField(
        label=_("Kun min kommunes andel"),
        required=False,
        help_text=_(
            "I et fællesprojekt: målingen gælder kun din kommunes andel af gevinsten, ikke "
            "projektet som helhed."
        ),
    )

    def __init__(self, *args: Any, own_choice: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the lead of a joint project chooses: another participant always measures its
        # own part, and a single municipality's project has no parts.
        if not own_choice:
            del self.fields["own_part"]


class MapNodeForm(HouseStyleMixin, forms.Form):
    level = forms.ChoiceField(label=_("Kolonne"), choices=MapLevel.choices)
    label = forms.CharField(label=_("Tekst"), max_length=200)
    comes_from = forms.ModelMultipleChoiceField(
        label=_("Kommer af"),
        queryset=BenefitMapNode.objects.none(),
        required=False,
        help_text=_("Elementer i kolonnen før, der fører til dette."),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["comes_from"]
        field.queryset = BenefitMapNode.objects.filter(project=project).exclude(level="goal")
        # Benefits come from the register; the map's benefit column shows them.
        level: Any = self.fields["level"]
        level.choices = [c for c in MapLevel.choices if c[0] != MapLevel.BENEFIT]
        field.label_from_instance = lambda node: f"{node.get_level_display()}: {node.label}"


class MapNodeEditForm(HouseStyleMixin, forms.Form):
    """A box's text, column and the boxes it comes from; its links are dropped when it moves
    to another column. A benefit's box is the registered benefit: a new text renames it."""

    level = forms.ChoiceField(
        label=_("Kolonne"),
        choices=MapLevel.choices,
        help_text=_("Flyttes elementet til en anden kolonne, fjernes dets forbindelser."),
    )
    label = forms.CharField(label=_("Tekst"), max_length=200)
    comes_from = forms.ModelMultipleChoiceField(
        label=_("Kommer af"),
        queryset=BenefitMapNode.objects.none(),
        required=False,
        help_text=_("Elementer i kolonnen før, der fører til dette."),
    )

    def __init__(self, *args: Any, node: BenefitMapNode, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["comes_from"]
        index = MAP_LEVELS.index(MapLevel(node.level))
        if index == 0:
            del self.fields["comes_from"]
        else:
            field.queryset = BenefitMapNode.objects.filter(
                project_id=node.project_id, level=MAP_LEVELS[index - 1]
            )
            field.initial = list(node.comes_from.values_list("pk", flat=True))
        if node.benefit_id is not None:
            level: Any = self.fields["level"]
            level.choices = [(MapLevel.BENEFIT.value, MapLevel.BENEFIT.label)]
            level.help_text = _("En registreret gevinst bliver i kolonnen Gevinst.")
            self.fields["label"].help_text = _("Omdøber gevinsten i gevinstregistret.")
        else:
            # Benefits come from the register; another box cannot become one.
            choices: Any = self.fields["level"]
            choices.choices = [c for c in MapLevel.choices if c[0] != MapLevel.BENEFIT]
