"""Pages of process mining: upload and the analysis tabs (:mod:`.eventlogs`), conformance
(:mod:`.conformance`). ``urls.py`` names each module's views."""
