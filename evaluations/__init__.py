"""Evaluation rounds, dossiers, review, assessment, certificates and eligibility (DESIGN.md §4–5)."""
