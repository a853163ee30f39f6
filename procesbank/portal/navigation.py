from django.utils.translation import gettext_lazy as _

from procesbank.organisations.navigation import NavItem

# Behind "Mere" for the library's users; a medarbejder's only item (web/context_processors).
ITEMS = [NavItem(_("Medarbejderportal"), "portal:index", 82)]
