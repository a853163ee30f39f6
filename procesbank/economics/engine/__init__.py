"""Pure computation of economics: the state business-case model: cash flows, NPV, payback, risk.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
