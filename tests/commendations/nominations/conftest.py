import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments of these tests go to a fresh directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"
