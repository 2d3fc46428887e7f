"""Admin: dossiers (owner fills in)."""
