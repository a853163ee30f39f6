"""Pure computation of competence: the 7-point grading scale and the split of joint training costs.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
