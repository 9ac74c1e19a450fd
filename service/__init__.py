"""The HTTP service and classroom page over the stance library."""
