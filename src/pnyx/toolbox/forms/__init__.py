"""Plain forms of the toolbox pages, one module per area; the services validate again."""
