from __future__ import annotations

from django import forms

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.notifications.models import MailPreference


class MailPreferenceForm(HouseStyleMixin, forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["send_mail"]
