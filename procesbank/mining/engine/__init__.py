"""Pure computation of mining: event-log reading (CSV, XES), normalising, discovery, filters, map
layout, conformance (token replay), as-is models.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
