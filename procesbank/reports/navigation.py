from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem

ITEMS = [NavItem(_("Dokumentationsrapporter"), "reports:selection", 80)]
