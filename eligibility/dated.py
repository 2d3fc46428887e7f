"""Facts the registry holds but dates after a check's as-of date (docs/rules.md#clauses-and-reasons).

They do not count yet — a rule sees only what existed on the as-of date — but a clause that failed
while such a fact would bear on it says so, so that "no honour" is not read as "the honour was not
recorded". Pure, like the rules: a snapshot and a date in, (code, date) pairs out.
"""

import datetime
from dataclasses import replace

from eligibility.snapshots import TalentSnapshot
from talents.models import CredentialKind

# Which kinds of fact each clause reads ("target" = the kind of the target level, R5).
CLAUSE_READS = {
    "R1.high_skilled": (CredentialKind.SKILL_LEVEL,),
    "R1.skill_recorded": (CredentialKind.SKILL_LEVEL,),
    "R1.honour": ("honour", "platform_role"),
    "R2.level": (CredentialKind.SKILL_LEVEL,),
    "R2.years": (CredentialKind.SKILL_LEVEL,),
    "R4.title": (CredentialKind.TITLE,),
    "R5.next_level": ("target",),
    "R5.years": ("target",),
    "R6.theory_exemption": (CredentialKind.GRADUATION,),
    "R10.above_current": (CredentialKind.SKILL_LEVEL,),
}


def later_facts(
    snapshot: TalentSnapshot, as_of: datetime.date, awards: frozenset, roles: frozenset
) -> dict[str, tuple[tuple[str, datetime.date], ...]]:
    """kind → ((code, date), …) of the facts dated after ``as_of``: skill levels, titles, related
    graduation certificates, and the green channel's honours (``awards``) and platform roles (``roles``)."""
    found: dict[str, list] = {}
    for credential in snapshot.credentials:
        if credential.obtained_on <= as_of:
            continue
        if credential.kind == CredentialKind.GRADUATION:
            if credential.occupation_id == snapshot.occupation_id:
                found.setdefault(credential.kind, []).append(("graduation", credential.obtained_on))
        elif credential.level:
            found.setdefault(credential.kind, []).append((credential.level, credential.obtained_on))
    for honour in snapshot.honours:
        if honour.award in awards and honour.conferred_on > as_of:
            found.setdefault("honour", []).append((honour.award, honour.conferred_on))
    for role in snapshot.platform_roles:
        if role.role in roles and role.since is not None and role.since > as_of:
            found.setdefault("platform_role", []).append((role.role, role.since))
    return {kind: tuple(sorted(facts, key=lambda fact: fact[1])) for kind, facts in found.items()}


def with_later_facts(results, facts: dict, target_kind: str) -> list:
    """Each failed ClauseResult with the later facts of the kinds its clause reads (``later``)."""
    if not facts:
        return list(results)
    marked = []
    for result in results:
        kinds = [target_kind if kind == "target" else kind for kind in CLAUSE_READS.get(result.code, ())]
        later = tuple(fact for kind in kinds for fact in facts.get(kind, ()))
        marked.append(replace(result, later=later) if later and not result.passed else result)
    return marked
