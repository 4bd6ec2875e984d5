"""Plain forms of the network pages, one module per area; the services validate again."""
