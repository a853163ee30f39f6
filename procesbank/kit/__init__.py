"""The shared mechanics of every domain app, written once: optimistic locking with audit,
access checks, turning refusals into form errors, the column registry, and formatting.

The kit knows Django but no domain: it imports nothing from the domain apps, and every app
may import it. See docs/architecture.md."""
