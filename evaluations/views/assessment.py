"""Pages: assessment (owner fills in)."""

urlpatterns: list = []
