"""Pure computation of processes: BPMN parsing and writing, the pb: extension, process metrics
(hours, FTE, cost), KLE and diagram layout.

Nothing here imports Django (import-linter guards the whole package): it runs and is tested
without a database, and the benchmarks call it directly."""
