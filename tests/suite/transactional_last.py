"""Run alone by ``test_isolation.py`` (the name keeps it out of normal collection): a transactional test,
an ordinary one that needs the reference data back, and a transactional one last in the process."""

import pytest

from accounts.models import Region


@pytest.mark.django_db(transaction=True)
def test_transactional_first():
    assert Region.objects.exists()


@pytest.mark.django_db
def test_ordinary_after_a_flush_finds_the_reference_data():
    assert Region.objects.filter(code="440000").exists()


@pytest.mark.django_db(transaction=True)
def test_transactional_last():
    assert Region.objects.exists()
