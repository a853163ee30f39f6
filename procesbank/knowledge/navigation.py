from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem

ITEMS = [NavItem(_("Sparring"), "knowledge:question_list", 40)]
