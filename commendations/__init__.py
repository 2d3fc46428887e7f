"""Awards, nomination campaigns, public notices and conferral (docs/commendations.md)."""
