"""The registry's name / visible-ID search (issue 12): the same answers as a plain scan, through indexes on
PostgreSQL (a GIN index over each name's characters and bigrams, prefix indexes on the ID number)."""

import pytest
from django.db import connection

from talents.filters import TalentFilter, name_grams
from talents.models import Talent
from tests.talents.factories import TalentFactory

pytestmark = pytest.mark.django_db


def found(value):
    return set(TalentFilter({"q": value}, queryset=Talent.objects.all()).qs.values_list("name", flat=True))


@pytest.fixture
def people():
    return {name: TalentFactory(name=name) for name in ["李明", "李明华", "张伟明", "王李", "Anna李明", "欧阳Lee"]}


def test_grams_are_the_single_character_or_the_bigrams():
    assert name_grams("李") == ["李"]
    assert name_grams("张伟明") == ["伟明", "张伟"]
    assert name_grams("LEE") == ["ee", "le"]


def test_two_characters_match_anywhere_in_the_name(people):
    assert found("李明") == {"李明", "李明华", "Anna李明"}


def test_one_character_matches_anywhere_in_the_name(people):
    assert found("李") == {"李明", "李明华", "王李", "Anna李明"}


def test_three_characters_need_them_in_a_row(people):
    TalentFactory(name="张明伟")  # the same bigram 伟明 missing, 张伟 missing: not a match
    assert found("张伟明") == {"张伟明"}
    assert found("明李") == set()


def test_mixed_chinese_and_latin_names_ignore_case(people):
    assert found("anna李") == {"Anna李明"}
    assert found("lee") == {"欧阳Lee"}
    assert found("阳L") == {"欧阳Lee"}


def test_the_visible_parts_of_the_id_number(people):
    talent = people["王李"]
    assert "王李" in found(talent.id_number[:6]) and "王李" in found(talent.id_number[-4:])
    assert "王李" not in found(talent.id_number[6:14])  # the hidden middle never matches
    suffix_match = found(talent.id_number[-3:].lower())  # a lower-case x check digit too
    assert "王李" in suffix_match


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
@pytest.mark.parametrize("value", ["李明", "李", "张伟明", "Anna李"])
def test_postgresql_searches_names_through_the_gram_index(people, value):
    queryset = TalentFilter({"q": value}, queryset=Talent.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "talents_talent_name_grams" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_postgresql_finds_the_visible_id_parts_through_their_indexes(people):
    number = people["王李"].id_number
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = TalentFilter({"q": number[-4:]}, queryset=Talent.objects.all()).qs.explain()
    assert "talents_talent_name_grams" in plan and "talents_talent_id_suffix" in plan
    assert "talents_talent_id_prefix" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_the_gram_index_keeps_its_pending_list_small():
    """A search reads GIN's pending list linearly: after a bulk load a 4 MB list cost 35-45 ms a search
    at 1,000,000 talents (migration talents 0006)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'talents_talent_name_grams'")
        assert cursor.fetchone()[0] == ["gin_pending_list_limit=64"]
