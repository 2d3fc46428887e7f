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
class Also:
    """The answers to another method the same route allows (same kwargs, subjects and query)."""

    answers: dict
    foreign: dict | None = None
    levels: dict | None = None  # level → {role: answer} where that level differs from ``foreign``
    data: dict | None = None  # None: the first method's data (an empty body by default)


@dataclass(frozen=True)
class Row:
    method: str
    answers: dict  # role → answer for an object in the role's scope (or a URL without an object)
    foreign: dict | None = None  # role → answer for every foreign object of the role (FOREIGN_LEVELS)
    kwargs: Callable | None = None  # (subjects, which) → URL kwargs
    data: dict = field(default_factory=dict)
    query: str = ""
    # world → the objects the kwargs pick from (an "own" one and one per FOREIGN_LEVELS level)
    subjects: Callable = registry_subjects
    # level ("other_org", "other_city", "other_province") → {role: answer}, for the roles to which that
    # level of foreign object answers otherwise than ``foreign`` (an activity visible along the region chain)
    levels: dict | None = None
    # method → Also: every other method the route allows (the matrix fails for a method without one)
    more: dict = field(default_factory=dict)


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
# An empty body lacks the fresh confirmation every API reveal asks for (400), after role (403) and scope (404).
REVEAL_API = answers(401, 403, 400, 400, 400, 403, 400)
REVEAL_API_FOREIGN = answers(401, 403, 404, 404, 400, 403, 400)


@dataclass(frozen=True)
class Deviation:
    """An answer the design asks for that the code does not give yet: the case is an expected failure
    (xfail) while the code gives another answer, and fails once the code gives this one (remove the
    Deviation then)."""

    answer: object
    reason: str


# The foreign objects each role is asked about, one per level of scope it does not reach: a clerk's
# neighbour in the same city, an organisation of another city of the province, one of another
# province; a city official's other city and other province; everyone else's other province.
FOREIGN_LEVELS = {
    "anonymous": ("other_province",),
    "enterprise_clerk": ("other_org", "other_city", "other_province"),
    "city_official": ("other_city", "other_province"),
    "provincial_official": ("other_province",),
    "national_official": ("other_province",),
    "expert": ("other_province",),
    "admin": ("other_province",),
}

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
