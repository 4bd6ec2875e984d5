"""Forms of the learning app's pages, one module per area."""
