"""Cultivation plans, regional targets, training activities, platforms (docs/programs.md)."""
