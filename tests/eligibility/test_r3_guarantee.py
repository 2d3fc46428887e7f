"""R3 is a guarantee (skills-title-integration-opinions, measure 2: "Academic qualifications, papers,
foreign languages, computers, etc. will not be included … as restrictive conditions"): on the green
channel and skills → titles, a talent's education and diplomas never change the outcome — neither
taking them away nor adding them. Checked over generated talents (hypothesis), with no database."""

import dataclasses
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.engine import SKILL_LEVELS, TITLE_LEVELS, Parameters, evaluate
from eligibility.snapshots import CredentialFact, HonourFact, PlatformRole, TalentSnapshot
from tests.eligibility.builders import AS_OF, OCCUPATION

DAYS = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2026, 1, 1))
EDUCATION = st.sampled_from(["", "below_secondary", "secondary", "junior_college", "bachelor", "master", "doctorate"])
CREDENTIALS = st.one_of(
    st.builds(
        CredentialFact, st.just("skill_level"), st.sampled_from(SKILL_LEVELS), st.just(OCCUPATION), st.none(), DAYS
    ),
    st.builds(CredentialFact, st.just("title"), st.sampled_from(TITLE_LEVELS), st.none(), st.just(7), DAYS),
    st.builds(CredentialFact, st.just("graduation"), st.just(""), st.sampled_from([OCCUPATION, 9]), st.none(), DAYS),
    st.builds(CredentialFact, st.just("vocational_qualification"), st.just(""), st.none(), st.none(), DAYS),
)
SNAPSHOTS = st.builds(
    TalentSnapshot,
    talent_id=st.just(1),
    employer_id=st.just(1),
    region_id=st.just(1),
    occupation_id=st.just(OCCUPATION),
    occupation_title_series_id=st.sampled_from([None, 7]),
    frontline=st.booleans(),
    years_of_work=st.integers(0, 40),
    education=EDUCATION,
    credentials=st.lists(CREDENTIALS, max_size=5).map(tuple),
    honours=st.lists(
        st.builds(HonourFact, st.sampled_from(["china_skills_award", "provincial_technical_expert"]), DAYS), max_size=2
    ).map(tuple),
    platform_roles=st.lists(
        st.builds(PlatformRole, st.sampled_from(["national_master_studio_leader"]), st.none() | DAYS), max_size=1
    ).map(tuple),
)
TRACKS = st.sampled_from(
    [("green_channel", "deputy_senior"), ("green_channel", "senior")]
    + [("skills_to_titles", level) for level in ("assistant", "intermediate", "deputy_senior")]
)
ACADEMIC = ("graduation", "vocational_qualification")


@settings(max_examples=400, deadline=None)
@given(snapshot=SNAPSHOTS, track_level=TRACKS, education=EDUCATION, diplomas=st.lists(CREDENTIALS, max_size=3))
def test_education_and_diplomas_never_decide_green_channel_or_skills_to_titles(
    snapshot, track_level, education, diplomas
):
    track, level = track_level
    params = Parameters()
    outcome = evaluate(snapshot, track, level, params, AS_OF).outcome
    without = dataclasses.replace(
        snapshot, education="", credentials=tuple(c for c in snapshot.credentials if c.kind not in ACADEMIC)
    )
    with_more = dataclasses.replace(
        snapshot,
        education=education,
        credentials=snapshot.credentials + tuple(c for c in diplomas if c.kind in ACADEMIC),
    )
    assert evaluate(without, track, level, params, AS_OF).outcome == outcome
    assert evaluate(with_more, track, level, params, AS_OF).outcome == outcome
    reasons = evaluate(snapshot, track, level, params, AS_OF).clauses
    assert any(result.rule == "R3" and result.passed for result in reasons)


def test_the_guarantee_is_real_a_talent_without_any_degree_is_eligible():
    snapshot = TalentSnapshot(
        talent_id=1,
        employer_id=1,
        region_id=1,
        occupation_id=OCCUPATION,
        occupation_title_series_id=7,
        frontline=True,
        years_of_work=3,
        education="",
        credentials=(CredentialFact("skill_level", "technician", OCCUPATION, None, datetime.date(2020, 1, 1)),),
    )
    assert evaluate(snapshot, "skills_to_titles", "intermediate", Parameters(), AS_OF).outcome == "eligible"
