"""Template helpers of the toolbox pages."""
