"""Every write in the network, one module per area."""
