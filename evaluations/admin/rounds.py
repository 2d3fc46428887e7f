"""Admin: rounds (owner fills in)."""
