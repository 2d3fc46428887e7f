"""The set-based batch evaluator for PostgreSQL: one INSERT … SELECT per chunk (docs/rules.md#batch-checks).

It computes the same clauses as ``eligibility.engine`` for every batch track at its implied target
level, and the same two bit masks; tests/eligibility/test_batch_parity.py requires identical results
from both evaluators over generated populations.

Every value — the rule set's parameters, the as-of date, the range, the scope's regions, the level
and award ids, the clause bits — is a bound parameter; the SQL text holds only table names and the
fixed expressions below. Each batch clause of the catalogue must have an expression here: a clause
without one raises ``SQLPathUnsupported`` instead of silently matching everyone.
"""

from django.db import IntegrityError, connection, transaction

from catalogues.models import Award, Occupation, SkillLevel, TitleLevel
from eligibility.clauses import BY_CODE, R2_REQUIRED_SKILL, R4_REQUIRED_TITLE, clauses_for
from eligibility.engine import (
    BATCH_TRACKS,
    GREEN_CHANNEL_AWARDS,
    GREEN_CHANNEL_PLATFORM_ROLES,
    HIGH_SKILLED_FROM,
    SKILL_LEVELS,
    TITLE_LEVELS,
    Parameters,
    skill_rank,
    title_rank,
    years_before,
)
from eligibility.models import EligibilityRunResult, Track
from programs.models import PLATFORM_ROLE_CODES, Platform
from talents.models import Credential, Honour, Talent

# work_mem for the chunk statement alone: its hash tables (the credential aggregate, the joins) must
# not spill to disk at the largest chunk size.
STATEMENT_WORK_MEM = "64MB"


class SQLPathUnsupported(Exception):
    """A clause of the catalogue has no set-based expression: use the Python evaluator, never guess."""


# Per talent, as of %(as_of)s: ranks are positions in the engine's ladders (1-based, NULL when the
# level is not one of them), so both evaluators rank levels identically. Each credential row gets one
# key per kind, rank × 10⁸ − days since 1900, so one plain max() per kind finds both the highest
# rank and the earliest date at that rank (decoded below; exact for every date Django stores). The
# R2 key does the same for R2's three brackets (senior technician and above / technician / senior
# worker): the earliest date in the highest bracket reached is the date from which the talent has held
# the level R2 requires of them (the ladder's ranks are consecutive, so a bracket holds no lower rank).
# ``OFFSET 0`` keeps each subquery a separate step, so every shared fact is computed once per row
# instead of being inlined into each expression that reads it.
FACTS = """
SELECT t.id, o.region_id, t.frontline, t.years_of_work,
       occ.title_series_id IS NOT NULL AS has_series,
       COALESCE(c.s_max, 0) AS s_max,
       DATE '1900-01-01' + (c.s_max * 100000000 - c.s_key)::int AS s_top_since,
       DATE '1900-01-01' + (c.b_max * 100000000 - c.b_key)::int AS stt_since,
       COALESCE(c.t_max, 0) AS t_max,
       DATE '1900-01-01' + (c.t_max * 100000000 - c.t_key)::int AS t_top_since,
       (gr.talent_id IS NOT NULL) AS related_graduation,
       (hn.talent_id IS NOT NULL OR pl.leader_id IS NOT NULL) AS honoured
FROM {talent} t
JOIN {organisation} o ON o.id = t.employer_id
JOIN {occupation} occ ON occ.id = t.occupation_id
LEFT JOIN (
    SELECT m.talent_id, m.s_key, m.b_key, m.t_key,
           (m.s_key + 50000000) / 100000000 AS s_max,
           (m.b_key + 50000000) / 100000000 AS b_max,
           (m.t_key + 50000000) / 100000000 AS t_max
    FROM (
        SELECT x.talent_id,
               max(x.sr * 100000000 - x.day) AS s_key,
               max(CASE WHEN x.sr >= %(rank_senior_technician)s THEN 3
                        WHEN x.sr = %(rank_technician)s THEN 2
                        WHEN x.sr >= %(rank_senior_worker)s THEN 1 END * 100000000::bigint - x.day) AS b_key,
               max(x.tr * 100000000 - x.day) AS t_key
        FROM (
            SELECT cr.talent_id, (cr.obtained_on - DATE '1900-01-01')::bigint AS day,
                   CASE WHEN cr.kind = 'skill_level'
                        THEN array_position(%(skill_level_ids)s, cr.skill_level_id)::bigint END AS sr,
                   CASE WHEN cr.kind = 'title'
                        THEN array_position(%(title_level_ids)s, cr.title_level_id)::bigint END AS tr
            FROM {credential} cr
            WHERE cr.talent_id BETWEEN %(first)s AND %(last)s AND cr.obtained_on <= %(as_of)s
              AND cr.kind IN ('skill_level', 'title') AND cr.revoked_at IS NULL
            OFFSET 0
        ) x
        GROUP BY x.talent_id
    ) m
) c ON c.talent_id = t.id
LEFT JOIN (
    SELECT DISTINCT g.talent_id, g.occupation_id FROM {credential} g
    WHERE g.talent_id BETWEEN %(first)s AND %(last)s AND g.kind = 'graduation' AND g.obtained_on <= %(as_of)s
      AND g.revoked_at IS NULL
) gr ON gr.talent_id = t.id AND gr.occupation_id = t.occupation_id
LEFT JOIN (
    SELECT DISTINCT h.talent_id FROM {honour} h
    WHERE h.talent_id BETWEEN %(first)s AND %(last)s
      AND h.award_id = ANY(%(green_award_ids)s) AND h.conferred_on <= %(as_of)s AND h.revoked_at IS NULL
) hn ON hn.talent_id = t.id
LEFT JOIN (
    SELECT DISTINCT p.leader_id FROM {platform} p
    WHERE p.leader_id BETWEEN %(first)s AND %(last)s
      AND (p.kind || ':' || p.level) = ANY(%(green_platform_pairs)s)
      AND (p.established_on IS NULL OR p.established_on <= %(as_of)s)
) pl ON pl.leader_id = t.id
WHERE t.id BETWEEN %(first)s AND %(last)s
  AND (%(all_regions)s OR o.region_id = ANY(%(region_ids)s))
ORDER BY t.id
OFFSET 0
"""

# The implied target level of each batch track, as a rank (engine.implied_target_levels).
DERIVED = """
SELECT f.*,
       CASE WHEN f.s_max >= %(rank_senior_technician)s THEN %(rank_senior_technician)s
            WHEN f.s_max = %(rank_technician)s THEN %(rank_technician)s
            ELSE %(rank_senior_worker)s END AS stt_required,
       CASE WHEN f.t_max >= %(rank_deputy_senior)s THEN %(rank_deputy_senior)s
            WHEN f.t_max = %(rank_intermediate)s THEN %(rank_intermediate)s
            ELSE %(rank_assistant)s END AS tts_required,
       CASE WHEN f.t_max >= %(rank_deputy_senior)s THEN %(r4_years_deputy_senior)s
            WHEN f.t_max = %(rank_intermediate)s THEN %(r4_years_intermediate)s
            ELSE %(r4_years_assistant)s END AS tts_years,
       CASE WHEN f.s_max > 0 THEN f.s_max ELSE f.t_max END AS prom_current,
       CASE WHEN f.s_max > 0 THEN %(skill_top)s ELSE %(title_top)s END AS prom_top,
       CASE WHEN f.s_max > 0 THEN f.s_top_since WHEN f.t_max > 0 THEN f.t_top_since END AS prom_since,
       CASE WHEN f.t_max >= %(rank_deputy_senior)s THEN 'senior' ELSE 'deputy_senior' END AS gc_level,
       CASE WHEN f.s_max >= %(rank_senior_technician)s THEN 'deputy_senior'
            WHEN f.s_max = %(rank_technician)s THEN 'intermediate'
            ELSE 'assistant' END AS stt_level,
       CASE WHEN f.t_max >= %(rank_deputy_senior)s THEN 'senior_technician'
            WHEN f.t_max = %(rank_intermediate)s THEN 'technician'
            ELSE 'senior_worker' END AS tts_level,
       CASE WHEN f.s_max > 0 THEN (%(skill_codes)s::text[])[LEAST(f.s_max + 1, %(skill_top)s)]
            WHEN f.t_max > 0 THEN (%(title_codes)s::text[])[LEAST(f.t_max + 1, %(title_top)s)]
            ELSE (%(skill_codes)s::text[])[1] END AS prom_level
FROM ({facts}) f
"""

# clause code → (passed, evaluated): SQL booleans over DERIVED's columns; evaluated None = always.
SQL_CLAUSES = {
    "R1.high_skilled": ("d.s_max >= %(rank_high_skilled)s", "d.s_max > 0 OR NOT d.honoured"),
    "R1.skill_recorded": ("FALSE", "d.s_max = 0 AND d.honoured"),
    "R1.honour": ("d.honoured", None),
    "R1.frontline": (
        "d.frontline AND d.years_of_work >= %(r1_frontline_min_years)s",
        "d.s_max >= %(rank_high_skilled)s AND NOT d.honoured",
    ),
    "R3.green_channel": ("TRUE", None),
    "R2.level": ("d.s_max >= d.stt_required", None),
    "R2.years": ("d.stt_since <= %(r2_held_since)s", None),
    "R2.series": ("d.has_series", None),
    "R3.skills_to_titles": ("TRUE", None),
    "R4.title": ("d.t_max >= d.tts_required", None),
    "R4.years": ("d.years_of_work >= d.tts_years", None),
    "R6.theory_exemption": ("d.related_graduation", None),
    "R5.next_level": ("d.prom_current > 0 AND d.prom_current < d.prom_top", None),
    "R5.years": ("d.prom_since <= %(r5_held_since)s", None),
}

# track → (outcome CASE over clause columns, level column): engine.evaluate's combination.
SQL_OUTCOMES = {
    Track.GREEN_CHANNEL: (
        "CASE WHEN {R1.high_skilled} AND {R1.honour} THEN 'eligible' "
        "WHEN {R1.high_skilled} AND {R1.frontline} THEN 'needs_review' "
        "WHEN k.c_r1_skill_recorded_evaluated THEN 'needs_review' ELSE 'ineligible' END",
        "gc_level",
    ),
    Track.SKILLS_TO_TITLES: (
        "CASE WHEN {R2.level} AND {R2.years} AND {R2.series} THEN 'eligible' ELSE 'ineligible' END",
        "stt_level",
    ),
    Track.TITLES_TO_SKILLS: (
        "CASE WHEN {R4.title} AND {R4.years} THEN 'eligible' ELSE 'ineligible' END",
        "tts_level",
    ),
    Track.PROMOTION: (
        "CASE WHEN {R5.next_level} AND {R5.years} THEN 'eligible' ELSE 'ineligible' END",
        "prom_level",
    ),
}


def _column(code: str) -> str:
    return "c_" + code.lower().replace(".", "_")


def _bit(code: str) -> str:
    return f"%(bit_{BY_CODE[code].bit})s"


def _batch_clause_codes() -> list[str]:
    codes = []
    for track in BATCH_TRACKS:
        for clause in clauses_for(track):
            if clause.code not in SQL_CLAUSES:
                raise SQLPathUnsupported(f"clause {clause.code} of track {track} has no SQL expression")
            if clause.code not in codes:
                codes.append(clause.code)
    return codes


def build_sql(*, on_conflict: bool = True) -> str:
    """The statement's text: fixed fragments and table names only, every value a placeholder.

    It skips the talents that already have a result of the run (one range scan of the unique index).
    ``on_conflict`` adds ``ON CONFLICT DO NOTHING`` for results a concurrent execution of the same
    range has written meanwhile; without it the insert is cheaper per row (no speculative insertion)
    but such a race raises IntegrityError, after which ``evaluate_range_sql`` runs the statement with it.
    """
    codes = _batch_clause_codes()
    tables = {
        "talent": Talent._meta.db_table,
        "organisation": Talent._meta.get_field("employer").related_model._meta.db_table,
        "occupation": Occupation._meta.db_table,
        "credential": Credential._meta.db_table,
        "honour": Honour._meta.db_table,
        "platform": Platform._meta.db_table,
    }
    facts = FACTS.format(**tables)
    derived = DERIVED.format(facts=facts)
    clause_columns = []
    for code in codes:
        passed, evaluated = SQL_CLAUSES[code]
        condition = f"({passed})" if evaluated is None else f"(({evaluated}) AND ({passed}))"
        clause_columns.append(f"COALESCE({condition}, FALSE) AS {_column(code)}")
        if evaluated is not None:
            clause_columns.append(f"COALESCE(({evaluated}), FALSE) AS {_column(code)}_evaluated")
    evaluated_terms, passed_terms = [], []
    for code in codes:
        _passed, evaluated = SQL_CLAUSES[code]
        if evaluated is None:
            evaluated_terms.append(_bit(code))
        else:
            evaluated_terms.append(f"CASE WHEN k.{_column(code)}_evaluated THEN {_bit(code)} ELSE 0 END")
        passed_terms.append(f"CASE WHEN k.{_column(code)} THEN {_bit(code)} ELSE 0 END")
    outcome_columns = []
    for track in BATCH_TRACKS:
        template, level = SQL_OUTCOMES[track]
        expression = template
        for code in codes:
            expression = expression.replace("{" + code + "}", f"k.{_column(code)}")
        outcome_columns.append(f"{expression}, k.{level}")
    results = EligibilityRunResult._meta.db_table
    return f"""
INSERT INTO {results} (run_id, talent_id, region_id,
    green_channel, green_channel_level, skills_to_titles, skills_to_titles_level,
    titles_to_skills, titles_to_skills_level, promotion, promotion_level,
    clauses_evaluated, clauses_passed)
SELECT %(run_id)s, k.id, k.region_id,
       {", ".join(outcome_columns)},
       ({" + ".join(evaluated_terms)})::bigint,
       ({" + ".join(passed_terms)})::bigint
FROM (SELECT d.id, d.region_id, d.gc_level, d.stt_level, d.tts_level, d.prom_level,
             {", ".join(clause_columns)}
      FROM ({derived}) d ORDER BY d.id OFFSET 0) k
WHERE NOT EXISTS (SELECT 1 FROM {results} r WHERE r.run_id = %(run_id)s AND r.talent_id = k.id
                    AND r.talent_id BETWEEN %(first)s AND %(last)s)
ORDER BY k.id
{"ON CONFLICT (run_id, talent_id) DO NOTHING" if on_conflict else ""}
"""  # noqa: S608 — identifiers from the models and fixed fragments; every value is bound


def sql_parameters(*, run, first_talent_id: int, last_talent_id: int, region_ids) -> dict:
    params = Parameters.of(run.rule_set)
    skill_ids = dict(SkillLevel.objects.values_list("code", "pk"))
    title_ids = dict(TitleLevel.objects.values_list("code", "pk"))
    platform_pairs = [f"{kind}:{level}" for (kind, level), role in PLATFORM_ROLE_CODES.items()
                      if role in GREEN_CHANNEL_PLATFORM_ROLES]  # fmt: skip
    values = {
        "run_id": run.pk,
        "first": first_talent_id,
        "last": last_talent_id,
        "as_of": run.as_of,
        "all_regions": region_ids is None,
        "region_ids": list(region_ids or []),
        # A level missing from the catalogue gets id 0, which no credential has.
        "skill_level_ids": [skill_ids.get(code, 0) for code in SKILL_LEVELS],
        "title_level_ids": [title_ids.get(code, 0) for code in TITLE_LEVELS],
        "skill_codes": list(SKILL_LEVELS),
        "title_codes": list(TITLE_LEVELS),
        "skill_top": len(SKILL_LEVELS),
        "title_top": len(TITLE_LEVELS),
        "green_award_ids": list(Award.objects.filter(code__in=GREEN_CHANNEL_AWARDS).values_list("pk", flat=True)),
        "green_platform_pairs": platform_pairs,
        "rank_high_skilled": skill_rank(HIGH_SKILLED_FROM),
        "rank_senior_worker": skill_rank(R2_REQUIRED_SKILL["assistant"]),
        "rank_technician": skill_rank(R2_REQUIRED_SKILL["intermediate"]),
        "rank_senior_technician": skill_rank(R2_REQUIRED_SKILL["deputy_senior"]),
        "rank_assistant": title_rank(R4_REQUIRED_TITLE["senior_worker"]),
        "rank_intermediate": title_rank(R4_REQUIRED_TITLE["technician"]),
        "rank_deputy_senior": title_rank(R4_REQUIRED_TITLE["senior_technician"]),
        "r1_frontline_min_years": params.r1_frontline_min_years,
        # "held for N years on as_of" = obtained on or before this cut-off (engine.held_for)
        "r2_held_since": years_before(run.as_of, params.r2_min_years_at_level),
        "r4_years_assistant": params.r4_min_working_years("senior_worker"),
        "r4_years_intermediate": params.r4_min_working_years("technician"),
        "r4_years_deputy_senior": params.r4_min_working_years("senior_technician"),
        "r5_held_since": years_before(run.as_of, params.r5_min_years_at_level),
    }
    values |= {f"bit_{clause.bit}": clause.mask for clause in BY_CODE.values()}
    return values


def evaluate_range_sql(*, run, first_talent_id: int, last_talent_id: int, region_ids: list[int] | None) -> int:
    """``region_ids``: the run's scope (``eligibility.batch.scope_region_ids``), None for every talent."""
    values = sql_parameters(
        run=run, first_talent_id=first_talent_id, last_talent_id=last_talent_id, region_ids=region_ids
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # JIT compilation of this wide statement costs seconds and saves milliseconds; off for it alone.
        # A chunk's aggregates must stay in memory: work_mem is raised for the statement alone too.
        cursor.execute(
            "SELECT current_setting('jit'), set_config('jit', 'off', true), "
            "current_setting('work_mem'), set_config('work_mem', %s, true)",
            [STATEMENT_WORK_MEM],
        )
        (previous_jit, _off, previous_work_mem, _raised) = cursor.fetchone()
        try:
            # The plain insert first, in a savepoint; a result written by a concurrent execution of
            # the same range after this statement's snapshot makes it fail as a whole, and then the
            # statement with ON CONFLICT DO NOTHING waits for that execution and skips its rows.
            with transaction.atomic():
                cursor.execute(build_sql(on_conflict=False), values)
        except IntegrityError:
            cursor.execute(build_sql(on_conflict=True), values)
        written = cursor.rowcount
        cursor.execute(
            "SELECT set_config('jit', %s, true), set_config('work_mem', %s, true)", [previous_jit, previous_work_mem]
        )
        return written
