"""Reads of the toolbox, one module per area."""
