"""HTML pages of the commendations app, one module per area."""
