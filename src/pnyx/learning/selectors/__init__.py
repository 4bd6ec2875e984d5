"""Reads of the learning app shared by pages and the API, one module per area."""
