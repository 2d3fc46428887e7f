"""Pages: dossiers (owner fills in)."""

urlpatterns: list = []
