import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments of these tests go to a fresh directory, so a test can see what was (not) written."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
