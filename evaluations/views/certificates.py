"""Pages: certificates (owner fills in)."""

urlpatterns: list = []
