"""Every write in the toolbox, one module per area."""
