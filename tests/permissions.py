"""Shared vocabulary of the permission matrix (tests/test_permission_matrix.py).

Each app's tests add their URLs in ``tests/<app>/permission_rows.py``: a ``ROWS`` dict of URL name → Row
and optionally ``ADMIN_MAKERS`` (model → callable creating one row, for admin change pages).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.talents.factories import registry_subjects

LOGIN = "login"
ROLES = (
    "anonymous",
    "enterprise_clerk",
    "city_official",
    "provincial_official",
    "national_official",
    "expert",
    "admin",
)
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's own login page


@dataclass(frozen=True)
class Row:
    method: str
    answers: dict  # role → answer for an object in the role's scope (or a URL without an object)
    foreign: dict | None = None  # role → answer for another organisation's / region's object
    kwargs: Callable | None = None  # (subjects, which) → URL kwargs
    data: dict = field(default_factory=dict)
    query: str = ""
    # world → the objects the kwargs pick from (an "own" one and one per FOREIGN_FOR_ROLE value)
    subjects: Callable = registry_subjects


def answers(anonymous, clerk, city, province, national, expert, admin) -> dict:
    return dict(zip(ROLES, (anonymous, clerk, city, province, national, expert, admin), strict=True))


def everyone(answer) -> dict:
    return dict.fromkeys(ROLES, answer)


# Shorthands for the common shapes.
PUBLIC = everyone(200)
SIGNED_IN_PAGE = answers(LOGIN, 200, 200, 200, 200, 200, 200)
REGISTRY_PAGE = answers(LOGIN, 200, 200, 200, 200, 403, 200)
REGISTRY_FOREIGN = answers(LOGIN, 404, 404, 404, 200, 403, 200)
SIGNED_IN_API = answers(401, 200, 200, 200, 200, 200, 200)
REGISTRY_API = answers(401, 200, 200, 200, 200, 200, 200)  # experts get an empty, scoped list
REGISTRY_API_OBJECT = answers(401, 200, 200, 200, 200, 404, 200)
REGISTRY_API_FOREIGN = answers(401, 404, 404, 404, 200, 404, 200)


CLERK_ONLY = answers(LOGIN, 200, 403, 403, 403, 403, 403)
CLERK_ONLY_FOREIGN = answers(LOGIN, 404, 403, 403, 403, 403, 403)
OFFICIALS_ONLY = answers(LOGIN, 403, 200, 200, 200, 403, 200)
OFFICIALS_ONLY_FOREIGN = answers(LOGIN, 403, 404, 404, 200, 403, 200)
REVEAL_API = answers(401, 403, 200, 200, 200, 403, 200)
REVEAL_API_FOREIGN = answers(401, 403, 404, 404, 200, 403, 200)


# The nearest object each role may NOT see (national officials and admins see everything).
FOREIGN_FOR_ROLE = {
    "anonymous": "other_province",
    "enterprise_clerk": "other_org",
    "city_official": "other_city",
    "provincial_official": "other_province",
    "national_official": "other_province",
    "expert": "other_province",
    "admin": "other_province",
}
