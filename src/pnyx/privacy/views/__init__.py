"""Pages of the privacy app."""
