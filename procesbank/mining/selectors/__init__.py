"""Every read of process mining, on behalf of an acting user: the event logs and their
analysis pages (:mod:`.eventlogs`), and conformance against a mapped process (:mod:`.conformance`).

A package grows by modules; this file imports each module whole (never name by name), so a new
selector needs no line here."""

from procesbank.mining.selectors.conformance import *  # noqa: F403
from procesbank.mining.selectors.eventlogs import *  # noqa: F403
