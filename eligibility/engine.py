"""The rules R1–R9 as small pure functions over a TalentSnapshot (docs/rules.md, docs/conventions.md §5).

No rule reads the database or the clock: parameters come from the rule set (``Parameters``), the
as-of date is an argument. A rule returns the clauses it evaluated (``ClauseResult``: passed or not,
the explanation in both languages and the policy citation come from ``eligibility.clauses``);
``evaluate`` combines them into an outcome for one track and target level.

Tracks and their rules:
- green_channel (R1 + R3), skills_to_titles (R2 + R3), titles_to_skills (R4, with R6 reported),
  promotion (R5).
- standard: the policy gives no special precondition for an ordinary evaluation; the only general
  rule that applies to every ordinary application is R5's ladder ("one year after obtaining a level
  … promotion evaluation", "no skipping except R1"). So ``standard`` applies R5's clauses, except
  that a talent who holds no level of the target's kind may enter at the lowest level (nothing is
  skipped and there is nothing to wait for). The round's own standard conditions are assessed by its
  committee, not by this engine.
- R7 (assessment), R8 (self-evaluation) and R9 (leading talents) are not tracks: they are pure
  functions the rounds, the organisations and the programs dashboard call.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from eligibility.citations import Citation
from eligibility.clauses import (
    BY_CODE,
    GREEN_CHANNEL_LEVELS,
    R2_REQUIRED_SKILL,
    R4_REQUIRED_TITLE,
    SKILL_LEVELS,
    TITLE_LEVELS,
    Clause,
    mask_of,
    reason,
)
from eligibility.dated import later_facts, with_later_facts
from eligibility.models import Outcome, Track
from eligibility.snapshots import TalentSnapshot
from talents.models import CredentialKind

# skills-title-integration-opinions, measure 2: the green channel's awards and platform role (R1(a)).
GREEN_CHANNEL_AWARDS = frozenset(
    {
        "china_skills_award",
        "national_technical_expert",
        "state_council_special_allowance",  # a special government allowance above provincial level
        "provincial_special_allowance",
        "provincial_high_skilled_recognition",
    }
)
GREEN_CHANNEL_PLATFORM_ROLES = frozenset({"national_master_studio_leader"})
# "High-skilled talents" are those at senior worker or above (the text: "vocational skills above senior level").
HIGH_SKILLED_FROM = "senior_worker"
# leading-talents-cultivation-plan: leading talents hold technician level or above (R9).
LEADING_TALENT_FROM = "technician"

# The target levels each track leads to. Another real level is answered ineligible by the track's
# "<rule>.target" clause (TARGET_CLAUSE); a code that is no level at all is a 400 (docs/rules.md#checks).
TRACK_LEVELS: dict[str, tuple[str, ...]] = {
    Track.STANDARD: SKILL_LEVELS + TITLE_LEVELS,
    Track.GREEN_CHANNEL: GREEN_CHANNEL_LEVELS,
    Track.SKILLS_TO_TITLES: tuple(R2_REQUIRED_SKILL),
    Track.TITLES_TO_SKILLS: tuple(R4_REQUIRED_TITLE),
    Track.PROMOTION: SKILL_LEVELS + TITLE_LEVELS,
    Track.EXCEPTIONAL_PROMOTION: SKILL_LEVELS,
}
ALL_LEVELS = SKILL_LEVELS + TITLE_LEVELS
TARGET_CLAUSE = {
    Track.GREEN_CHANNEL: "R1.target",
    Track.SKILLS_TO_TITLES: "R2.target",
    Track.TITLES_TO_SKILLS: "R4.target",
    Track.EXCEPTIONAL_PROMOTION: "R10.target",
}
# leading-talents-cultivation-plan, key task 3 (R10): the technical-expert honours are conferred through
# skill competitions; one at or above the rule set's level is listed as evidence, by award level.
COMPETITION_AWARDS = {
    "national_technical_expert": "national",
    "provincial_technical_expert": "provincial",
    "city_technical_expert": "city",
}
AWARD_LEVEL_RANK = {"city": 1, "provincial": 2, "national": 3}
# The tracks a batch run determines for every talent (the columns of EligibilityRunResult).
BATCH_TRACKS = (Track.GREEN_CHANNEL, Track.SKILLS_TO_TITLES, Track.TITLES_TO_SKILLS, Track.PROMOTION)


def skill_rank(code: str) -> int:
    return SKILL_LEVELS.index(code) + 1 if code in SKILL_LEVELS else 0


def title_rank(code: str) -> int:
    return TITLE_LEVELS.index(code) + 1 if code in TITLE_LEVELS else 0


def level_kind(code: str) -> str:
    """The credential kind a level code belongs to."""
    return CredentialKind.SKILL_LEVEL if code in SKILL_LEVELS else CredentialKind.TITLE


@dataclass(frozen=True)
class Parameters:
    """The numbers of one rule-set version that the rules use (docs/rules.md: never hard-coded)."""

    r1_frontline_min_years: int = 10
    r2_min_years_at_level: int = 1
    r4_min_working_years_assistant: int = 2
    r4_min_working_years_intermediate: int = 3
    r4_min_working_years_deputy_senior: int = 4
    r5_min_years_at_level: int = 1
    r7_pass_mark: int = 60
    r10_min_competition_level: str = "provincial"

    @classmethod
    def of(cls, rule_set) -> "Parameters":
        return cls(**{name: getattr(rule_set, name) for name in cls.__dataclass_fields__})

    def r4_min_working_years(self, target_level: str) -> int:
        return {
            "senior_worker": self.r4_min_working_years_assistant,
            "technician": self.r4_min_working_years_intermediate,
            "senior_technician": self.r4_min_working_years_deputy_senior,
        }[target_level]


@dataclass(frozen=True)
class ClauseResult:
    code: str
    passed: bool
    # Facts dated after the check that this clause would read: ((code, date), …), explained, not counted.
    later: tuple = ()
    # Evidence the clause found, listed for the official who decides (R10): ((code, date), …).
    evidence: tuple = ()

    @property
    def clause(self) -> Clause:
        return BY_CODE[self.code]

    @property
    def rule(self) -> str:
        return self.clause.rule

    @property
    def source(self) -> "Citation":
        return self.clause.source

    def reason(self, rule_set, target_level: str, language: str, as_of: datetime.date | None = None) -> dict:
        return reason(
            self.clause,
            self.passed,
            rule_set,
            target_level,
            language,
            later=self.later,
            as_of=as_of,
            evidence=self.evidence,
        )

    def explanation(self, rule_set, target_level: str, as_of: datetime.date | None = None) -> dict:
        """The explanation in both languages: {"zh-hans": …, "en": …}."""
        return {
            language: self.reason(rule_set, target_level, language, as_of)["explanation"]
            for language in ("zh-hans", "en")
        }


@dataclass(frozen=True)
class Determination:
    track: str
    target_level: str
    outcome: str
    clauses: tuple[ClauseResult, ...]
    as_of: datetime.date | None = None

    @property
    def mask_evaluated(self) -> int:
        return mask_of(result.code for result in self.clauses)

    @property
    def mask_passed(self) -> int:
        return mask_of(result.code for result in self.clauses if result.passed)

    def reasons(self, rule_set, language: str) -> list[dict]:
        return [result.reason(rule_set, self.target_level, language, self.as_of) for result in self.clauses]


# Facts about a snapshot as of a date (credentials obtained later do not exist yet).


def years_before(day: datetime.date, years: int) -> datetime.date:
    """``day`` minus whole years; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def held_for(since: datetime.date | None, years: int, as_of: datetime.date) -> bool:
    """Held for at least ``years`` whole years on ``as_of``: obtained on or before the same day ``years``
    earlier (exactly one year to the day counts; a level obtained on 29 February has its first full
    year on 1 March). The SQL evaluator compares with the same cut-off date, computed here."""
    return since is not None and since <= years_before(as_of, years)


def _levels(snapshot: TalentSnapshot, kind: str, as_of: datetime.date) -> list[tuple[int, datetime.date]]:
    rank = skill_rank if kind == CredentialKind.SKILL_LEVEL else title_rank
    return [
        (rank(c.level), c.obtained_on)
        for c in snapshot.credentials
        if c.kind == kind and c.obtained_on <= as_of and rank(c.level)
    ]


def highest_rank(snapshot: TalentSnapshot, kind: str, as_of: datetime.date) -> int:
    return max((rank for rank, _ in _levels(snapshot, kind, as_of)), default=0)


def first_obtained_at_or_above(
    snapshot: TalentSnapshot, kind: str, rank: int, as_of: datetime.date
) -> datetime.date | None:
    return min((day for r, day in _levels(snapshot, kind, as_of) if r >= rank), default=None)


def first_obtained_at(snapshot: TalentSnapshot, kind: str, rank: int, as_of: datetime.date) -> datetime.date | None:
    return min((day for r, day in _levels(snapshot, kind, as_of) if r == rank), default=None)


# R1 green channel


def r1_green_channel(snapshot: TalentSnapshot, params: Parameters, as_of: datetime.date) -> tuple:
    """skills-title-integration-opinions, measure 2: (a) the listed honours or a national master studio
    lead straight to a deputy senior or senior title — an honoured talent with no skill level in the
    registry is needs_review (the honour attests high skill; an official confirms); (b) other
    high-skilled leading talents long in frontline posts may be proposed for the special route, which an
    official decides (needs_review)."""
    skill = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of)
    high_skilled = skill >= skill_rank(HIGH_SKILLED_FROM)
    honoured = any(h.award in GREEN_CHANNEL_AWARDS and h.conferred_on <= as_of for h in snapshot.honours) or any(
        role.role in GREEN_CHANNEL_PLATFORM_ROLES and (role.since is None or role.since <= as_of)
        for role in snapshot.platform_roles
    )
    if honoured and skill == 0:
        # The honour attests high skill; the registry lacks the level: an official confirms.
        return Outcome.NEEDS_REVIEW, [ClauseResult("R1.skill_recorded", False), ClauseResult("R1.honour", True)]
    results = [ClauseResult("R1.high_skilled", high_skilled), ClauseResult("R1.honour", honoured)]
    if high_skilled and honoured:
        return Outcome.ELIGIBLE, results
    if high_skilled:
        frontline = snapshot.frontline and snapshot.years_of_work >= params.r1_frontline_min_years
        results.append(ClauseResult("R1.frontline", frontline))
        if frontline:
            return Outcome.NEEDS_REVIEW, results
    return Outcome.INELIGIBLE, results


# R2 skills → titles


def r2_skills_to_titles(snapshot: TalentSnapshot, params: Parameters, target_level: str, as_of: datetime.date):
    """skills-title-integration-opinions, measure 2: senior worker → assistant, technician →
    intermediate, senior technician (and above) → deputy senior, in the series of the occupation,
    after holding the level for the parameter's years."""
    required = skill_rank(R2_REQUIRED_SKILL[target_level])
    level = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of) >= required
    since = first_obtained_at_or_above(snapshot, CredentialKind.SKILL_LEVEL, required, as_of)
    years = held_for(since, params.r2_min_years_at_level, as_of)
    series = snapshot.occupation_title_series_id is not None
    results = [
        ClauseResult("R2.level", level),
        ClauseResult("R2.years", years),
        ClauseResult("R2.series", series),
    ]
    return (Outcome.ELIGIBLE if level and years and series else Outcome.INELIGIBLE), results


# R3 no academic barrier


def r3_no_academic_barrier(track: str) -> ClauseResult:
    """skills-title-integration-opinions, measure 2: academic qualifications, papers, foreign language
    and computer certificates are not restrictive conditions. A guarantee, not a check: R1 and R2
    never read education or graduation certificates (tests/eligibility/test_r3_guarantee.py)."""
    return ClauseResult(f"R3.{track}", True)


# R4 titles → skills and R6 exemption


def r4_titles_to_skills(snapshot: TalentSnapshot, params: Parameters, target_level: str, as_of: datetime.date):
    """skills-title-integration-opinions, measure 4: assistant / intermediate / deputy senior titles
    lead to senior worker / technician / senior technician evaluation once the cumulative working
    years meet the parameter for that level."""
    required = title_rank(R4_REQUIRED_TITLE[target_level])
    title = highest_rank(snapshot, CredentialKind.TITLE, as_of) >= required
    years = snapshot.years_of_work >= params.r4_min_working_years(target_level)
    results = [ClauseResult("R4.title", title), ClauseResult("R4.years", years), r6_theory_exemption(snapshot, as_of)]
    return (Outcome.ELIGIBLE if title and years else Outcome.INELIGIBLE), results


def r6_theory_exemption(snapshot: TalentSnapshot, as_of: datetime.date) -> ClauseResult:
    """skills-title-integration-opinions, measure 4: a graduation certificate related to the occupation
    exempts the theoretical knowledge test (reported; it never decides eligibility)."""
    related = any(
        c.kind == CredentialKind.GRADUATION and c.occupation_id == snapshot.occupation_id and c.obtained_on <= as_of
        for c in snapshot.credentials
    )
    return ClauseResult("R6.theory_exemption", related)


# R5 promotion


def r5_promotion(
    snapshot: TalentSnapshot,
    params: Parameters,
    target_level: str,
    as_of: datetime.date,
    *,
    allow_entry: bool = False,
):
    """skills-title-integration-opinions, measure 4: one year (parameter) after obtaining a level, the
    next level up; no skipping (only R1 skips). ``allow_entry`` (the standard track) lets a talent who
    holds no level of that kind enter at the lowest one."""
    kind = level_kind(target_level)
    rank = skill_rank if kind == CredentialKind.SKILL_LEVEL else title_rank
    current = highest_rank(snapshot, kind, as_of)
    if current == 0 and allow_entry:
        return (
            (Outcome.ELIGIBLE if rank(target_level) == 1 else Outcome.INELIGIBLE),
            [ClauseResult("R5.next_level", rank(target_level) == 1)],
        )
    next_level = current > 0 and rank(target_level) == current + 1
    years = held_for(first_obtained_at(snapshot, kind, current, as_of), params.r5_min_years_at_level, as_of)
    results = [ClauseResult("R5.next_level", next_level), ClauseResult("R5.years", years)]
    return (Outcome.ELIGIBLE if next_level and years else Outcome.INELIGIBLE), results


# R10 exceptional promotion


def r10_exceptional_promotion(snapshot: TalentSnapshot, params: Parameters, target_level: str, as_of: datetime.date):
    """leading-talents-cultivation-plan, key task 3: "for the front-line workers with superb skills and
    outstanding performance, and for high-skilled talents who solve major process and technical
    problems, they can be promoted to the vocational skill level". A frontline talent may ask for a skill
    level one or more above their current one; the answer is never eligible: needs_review, with the
    competition honours at or above the rule set's level listed as evidence (a solved problem is
    evidence on the dossier), decided by an official (docs/rules.md#r10-exceptional-promotion)."""
    frontline = snapshot.frontline
    above = skill_rank(target_level) > highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of)
    floor = AWARD_LEVEL_RANK[params.r10_min_competition_level]
    evidence = tuple(
        (h.award, h.conferred_on)
        for h in sorted(snapshot.honours, key=lambda h: h.conferred_on)
        if h.award in COMPETITION_AWARDS
        and AWARD_LEVEL_RANK[COMPETITION_AWARDS[h.award]] >= floor
        and h.conferred_on <= as_of
    )
    results = [
        ClauseResult("R10.frontline", frontline),
        ClauseResult("R10.above_current", above),
        ClauseResult("R10.evidence", bool(evidence), evidence=evidence),
    ]
    return (Outcome.NEEDS_REVIEW if frontline and above else Outcome.INELIGIBLE), results


# R7 assessment, R8 self-evaluation, R9 leading talents (not tracks)


def r7_assessment(scores: dict, methods: Iterable[str], exempt: Iterable[str], params: Parameters) -> ClauseResult:
    """skills-title-integration-opinions, measure 3: every method the round uses and that is not exempt
    (R6) needs the pass mark; a missing score fails."""
    exempt = set(exempt)
    passed = all(
        scores.get(method) is not None and scores[method] >= params.r7_pass_mark
        for method in methods
        if method not in exempt
    )
    return ClauseResult("R7.methods", passed)


def r8_self_evaluation(may_self_evaluate: bool) -> ClauseResult:
    """skills-title-integration-opinions, measure 3: only an organisation granted self-evaluation by a
    provincial official (``Organisation.may_self_evaluate``) organises its own skill-evaluation round."""
    return ClauseResult("R8.self_evaluation", bool(may_self_evaluate))


def r9_leading_talent(
    snapshot: TalentSnapshot, plan_id: int, key_occupation_ids: frozenset, as_of: datetime.date
) -> tuple[bool, list[ClauseResult]]:
    """leading-talents-cultivation-plan: a talent counts toward the leading-talent target when they
    completed a training activity of the plan, hold technician level or above, and work in one of the
    plan's key industries (an occupation of its KeyIndustry rows)."""
    trained = any(t.plan_id == plan_id and t.completed_on <= as_of for t in snapshot.completed_training)
    technician = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of) >= skill_rank(LEADING_TALENT_FROM)
    key_industry = snapshot.occupation_id in key_occupation_ids
    results = [
        ClauseResult("R9.training", trained),
        ClauseResult("R9.technician", technician),
        ClauseResult("R9.key_industry", key_industry),
    ]
    return trained and technician and key_industry, results


# One track


def evaluate(snapshot: TalentSnapshot, track: str, target_level: str, rule_set, as_of: datetime.date) -> Determination:
    """The determination for one talent, track and target level. ``rule_set`` is a RuleSet (or
    Parameters). A real level the track does not lead to is ineligible by the track's target clause;
    a code that is no level at all raises ValueError (the caller validated it: a 400)."""
    params = rule_set if isinstance(rule_set, Parameters) else Parameters.of(rule_set)
    if target_level not in TRACK_LEVELS[track]:
        if target_level not in ALL_LEVELS or track not in TARGET_CLAUSE:
            raise ValueError(f"{target_level!r} is not a level")
        # A real level the track does not lead to: an answer (ineligible, naming the track's levels).
        results = [ClauseResult(TARGET_CLAUSE[track], False)]
        return Determination(track, target_level, Outcome.INELIGIBLE, tuple(results), as_of)
    if track == Track.GREEN_CHANNEL:
        outcome, results = r1_green_channel(snapshot, params, as_of)
        results = [*results, r3_no_academic_barrier(track)]
    elif track == Track.SKILLS_TO_TITLES:
        outcome, results = r2_skills_to_titles(snapshot, params, target_level, as_of)
        results = [*results, r3_no_academic_barrier(track)]
    elif track == Track.TITLES_TO_SKILLS:
        outcome, results = r4_titles_to_skills(snapshot, params, target_level, as_of)
    elif track == Track.PROMOTION:
        outcome, results = r5_promotion(snapshot, params, target_level, as_of)
    elif track == Track.EXCEPTIONAL_PROMOTION:
        outcome, results = r10_exceptional_promotion(snapshot, params, target_level, as_of)
    else:
        outcome, results = r5_promotion(snapshot, params, target_level, as_of, allow_entry=True)
    facts = later_facts(snapshot, as_of, GREEN_CHANNEL_AWARDS, GREEN_CHANNEL_PLATFORM_ROLES)
    results = with_later_facts(results, facts, level_kind(target_level))
    return Determination(track, target_level, outcome, tuple(results), as_of)


def implied_target_levels(snapshot: TalentSnapshot, as_of: datetime.date) -> dict[str, str]:
    """The level each batch track would lead this talent to, from their current levels:
    green channel → deputy senior (senior when already deputy senior or above);
    skills → titles → the title of their highest skill level (assistant when below senior worker);
    titles → skills → the skill level of their highest title (senior worker when below assistant);
    promotion → one above their highest skill level, else above their highest title (the top level
    itself at the top, junior worker with neither: both then fail R5's next-level clause)."""
    skill = highest_rank(snapshot, CredentialKind.SKILL_LEVEL, as_of)
    title = highest_rank(snapshot, CredentialKind.TITLE, as_of)
    return {
        Track.GREEN_CHANNEL: "senior" if title >= title_rank("deputy_senior") else "deputy_senior",
        Track.SKILLS_TO_TITLES: (
            "deputy_senior"
            if skill >= skill_rank("senior_technician")
            else "intermediate"
            if skill == skill_rank("technician")
            else "assistant"
        ),
        Track.TITLES_TO_SKILLS: (
            "senior_technician"
            if title >= title_rank("deputy_senior")
            else "technician"
            if title == title_rank("intermediate")
            else "senior_worker"
        ),
        Track.PROMOTION: (
            SKILL_LEVELS[min(skill, len(SKILL_LEVELS) - 1)]
            if skill
            else TITLE_LEVELS[min(title, len(TITLE_LEVELS) - 1)]
            if title
            else SKILL_LEVELS[0]
        ),
    }


def evaluate_batch_tracks(snapshot: TalentSnapshot, rule_set, as_of: datetime.date) -> dict:
    """Every batch track at its implied level: {track: Determination} (the Python evaluator of a run)."""
    params = rule_set if isinstance(rule_set, Parameters) else Parameters.of(rule_set)
    levels = implied_target_levels(snapshot, as_of)
    return {track: evaluate(snapshot, track, levels[track], params, as_of) for track in BATCH_TRACKS}
