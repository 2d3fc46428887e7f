from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data only (``manage.py seed_demo``): no models, and no other app depends on it."""

    name = "demo"
