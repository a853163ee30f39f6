"""The governance app's pure computation: the review checklist and the staff portal's reading
of a published model (no Django here; import-linter guards the package)."""
