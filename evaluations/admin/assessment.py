"""Admin: assessment (owner fills in)."""
