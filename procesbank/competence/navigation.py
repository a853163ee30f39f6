from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem

ITEMS = [
    NavItem(_("Kompetencer"), "competence:competence_overview", 50),
    NavItem(_("Effekt"), "competence:effect_dashboard", 60),
]
