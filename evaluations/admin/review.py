"""Admin: review (owner fills in)."""
