"""Menu item of the archive: the municipality administrator's "Tag data med"."""

from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem
from procesbank.organisations.permissions import Action

ITEMS = [NavItem(_("Arkiv"), "archive:home", 97, Action.ADMINISTER_MUNICIPALITY)]
