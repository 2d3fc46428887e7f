"""Evaluation rounds, dossiers, review, assessment, certificates and eligibility (docs/rules.md,
docs/evaluations.md)."""
