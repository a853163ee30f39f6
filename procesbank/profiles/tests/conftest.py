"""The catalogue's factories of processes and candidates: profiles are about what they share."""

from procesbank.catalogue.tests.conftest import make_candidate, make_process

__all__ = ["make_candidate", "make_process"]
