"""The eligibility checks' URLs in the permission matrix (tests/test_permission_matrix.py)."""

from dataclasses import dataclass

from eligibility.models import EligibilityCheck, EligibilityOverride
from tests.eligibility.factories import EligibilityCheckFactory
from tests.permissions import LOGIN, OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, REGISTRY_FOREIGN, Also, Row, answers
from tests.talents.factories import registry_subjects


@dataclass
class CheckSubjects:
    talents: dict
    checks: dict


def check_subjects(world) -> CheckSubjects:
    """One needs_review determination per talent of the registry subjects (own / other org / city / province)."""
    registry = registry_subjects(world)
    checks = {key: EligibilityCheckFactory(talent=talent) for key, talent in registry.talents.items()}
    return CheckSubjects(talents=registry.talents, checks=checks)


def talent_kwargs(subjects, which):
    return {"pk": subjects.talents[which].pk}


def check_kwargs(subjects, which):
    return {"pk": subjects.checks[which].pk}


def make_check():
    from talents.models import Talent
    from tests.talents.factories import TalentFactory

    return EligibilityCheckFactory(talent=Talent.objects.first() or TalentFactory())


def make_override():
    from accounts.models import User

    check = make_check()
    return EligibilityOverride.objects.create(
        talent=check.talent,
        track=check.track,
        target_level=check.target_level,
        check_overridden=check,
        outcome="eligible",
        reason="一线骨干",
        decided_by=User.objects.get(username="city"),
    )


CHECK_PAGE = answers(LOGIN, 200, 200, 200, 200, 403, 200)  # an empty POST: the form again, with errors

ROWS = {
    "eligibility:talent-checks": Row("post", CHECK_PAGE, REGISTRY_FOREIGN, talent_kwargs, subjects=check_subjects),
    "eligibility:check-override": Row(
        "post", OFFICIALS_ONLY, OFFICIALS_ONLY_FOREIGN, check_kwargs, subjects=check_subjects
    ),
    "api:eligibility-check": Row("post", answers(401, 400, 400, 400, 400, 403, 400)),
    "api:eligibility-override": Row("post", answers(401, 403, 400, 400, 400, 403, 400)),
}


MORE = {
    "eligibility:talent-checks": {
        "get": Also(answers(LOGIN, 200, 200, 200, 200, 403, 200), answers(LOGIN, 404, 404, 404, 200, 403, 200))
    }
}

ADMIN_MAKERS = {EligibilityCheck: make_check, EligibilityOverride: make_override}
