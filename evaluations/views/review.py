"""Pages: review (owner fills in)."""

urlpatterns: list = []
