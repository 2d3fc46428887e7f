import pytest
from django.core.cache import cache

from notices import registry
from talents.models import Talent
from tests.notices.factories import register_recording_handlers


@pytest.fixture
def handlers():
    """Talents as notice subjects, with handlers that record their calls."""
    recorder = register_recording_handlers()
    yield recorder
    registry.unregister_subject_handlers(Talent)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()
