"""Awards, nomination campaigns, public notices and conferral (DESIGN.md §6)."""
