"""Signals the process library sends for apps that stand on it (the catalogue), so those apps
can follow a process without the process library importing them (the layers point one way)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the writing transaction after a process's figures changed (a BPMN version was
# written, its measurements set, or the process's yearly volume edited).
# Arguments: ``process`` (the Process).
process_figures_changed = Signal()
