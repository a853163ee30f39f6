"""Pure computation of projects: phase gates.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
