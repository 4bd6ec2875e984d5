"""Reads of the consultations, one module per area (access, processes, propositions, ...)."""
