"""Pages: rounds (owner fills in)."""

urlpatterns: list = []
