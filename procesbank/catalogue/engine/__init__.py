"""Pure computation of catalogue: candidate assessment, cross-municipal comparison, OS2autoproces
import, the candidate record's sections.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
