from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem

ITEMS = [NavItem(_("Medarbejderportal"), "portal:index", 15)]
