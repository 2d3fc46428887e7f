"""Cultivation plans, regional targets, training activities, platforms (DESIGN.md §8)."""
