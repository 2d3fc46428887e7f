"""API: assessment (owner fills in). register(router) adds viewsets; urlpatterns holds plain views."""

urlpatterns: list = []


def register(router) -> None:
    return None
