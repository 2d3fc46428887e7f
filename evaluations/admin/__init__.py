"""Admin for the evaluations models, one module per area (each imported here so it registers)."""

from evaluations.admin import assessment, dossiers, review, rounds  # noqa: F401
