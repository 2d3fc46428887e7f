"""The clause catalogue: stable bits, renderable explanations, and ``explain`` (what e2's run pages
use) giving the same reasons as a single check."""

import datetime
import re

import pytest

from eligibility import batch_sql
from eligibility.clauses import (
    BY_BIT,
    BY_CODE,
    CLAUSES,
    LANGUAGES,
    clauses_for,
    explain,
    explanation_context,
    reason_source,
)
from eligibility.engine import BATCH_TRACKS, TRACK_LEVELS, evaluate_batch_tracks
from tests.eligibility.builders import AS_OF, snapshot
from tests.eligibility.factories import default_rule_set

# Stored run results decode with these bits: changing one would explain old runs wrongly.
STABLE_BITS = {
    "R1.high_skilled": 0,
    "R1.honour": 1,
    "R1.frontline": 2,
    "R3.green_channel": 3,
    "R2.level": 4,
    "R2.years": 5,
    "R2.series": 6,
    "R3.skills_to_titles": 7,
    "R4.title": 8,
    "R4.years": 9,
    "R6.theory_exemption": 10,
    "R5.next_level": 11,
    "R5.years": 12,
}


def test_bits_are_stable_and_unique():
    assert {clause.code: clause.bit for clause in CLAUSES if clause.code in STABLE_BITS} == STABLE_BITS
    assert len(BY_BIT) == len(CLAUSES)


def test_every_batch_clause_has_an_sql_expression():
    for track in BATCH_TRACKS:
        assert {clause.code for clause in clauses_for(track)} <= set(batch_sql.SQL_CLAUSES)


@pytest.mark.django_db
def test_every_explanation_renders_in_both_languages_for_every_level():
    rule_set = default_rule_set()
    for clause in CLAUSES:
        levels = [level for track in clause.tracks for level in TRACK_LEVELS[track]] or [""]
        for level in levels:
            for language in LANGUAGES:
                context = explanation_context(clause, rule_set, level, language)
                for passed in (True, False):
                    text = clause.explanation(passed, language, context)
                    assert text and "{" not in text and "None" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_explain_from_masks_gives_the_reasons_of_the_determination(language):
    rule_set = default_rule_set()
    talent = snapshot(
        skills=[("technician", datetime.date(2024, 6, 30))],
        titles=[("assistant", datetime.date(2019, 1, 1))],
        frontline=True,
        years_of_work=12,
    )
    determinations = evaluate_batch_tracks(talent, rule_set, AS_OF)
    evaluated = passed = 0
    for determination in determinations.values():
        evaluated |= determination.mask_evaluated
        passed |= determination.mask_passed
    for track, determination in determinations.items():
        reasons = explain(evaluated, passed, rule_set, language, track=track, target_level=determination.target_level)
        assert reasons == determination.reasons(rule_set, language)
    assert determinations["green_channel"].outcome == "needs_review"
    frontline = explain(evaluated, passed, rule_set, language, track="green_channel", target_level="deputy_senior")
    assert [reason["clause"] for reason in frontline] == [
        "R1.high_skilled",
        "R1.honour",
        "R1.frontline",
        "R3.green_channel",
    ]


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause.code)
def test_a_citation_reads_in_chinese_with_the_official_title_and_in_english_with_the_quote(clause):
    chinese, english = clause.source.text("zh-hans"), clause.source.text("en")
    assert chinese.startswith(clause.source.document.title_zh) and "：" in chinese
    assert not re.search(r"[A-Za-z]", chinese), chinese  # no English quote, no short name
    assert clause.source.quote in english and clause.source.document.title_en in english
    assert clause.source.document.slug not in chinese + english


def test_a_stored_reason_is_cited_from_the_catalogue_whatever_it_stored():
    old = {"clause": "R5.years", "source": "《…》(skills-title-integration-opinions), measure 4: “One year …”"}
    assert reason_source(old, "zh-hans") == BY_CODE["R5.years"].source.text("zh-hans")
    assert "主要措施（四）" in reason_source(old, "zh-hans")
    assert reason_source({"source": {"zh-hans": "中", "en": "en"}}, "en-us") == "en"
