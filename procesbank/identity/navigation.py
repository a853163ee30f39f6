from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem
from procesbank.organisations.permissions import Action

ITEMS = [
    NavItem(_("Single sign-on"), "identity:admin", 96, Action.ADMINISTER_COLLABORATION),
]
