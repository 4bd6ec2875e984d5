"""Every write a person can cause in a consultation, one module per area."""
