from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem
from procesbank.organisations.permissions import Action

ITEMS = [
    NavItem(_("Processer"), "processes:process_list", 10),
    NavItem(_("Timepriser"), "processes:rate_settings", 85, Action.ADMINISTER_MUNICIPALITY),
]
