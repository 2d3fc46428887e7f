"""Who sees what in the `world` fixture, for the API scoping tests."""

# The four organisations of the `world` fixture, by their relation to `world.org` (Guangzhou).
ORGS = ("own", "other_org", "other_city", "other_province")

# Which of those organisations each user of the world may see (docs/roles.md).
VISIBLE = {
    "clerk": {"own"},
    "clerk_other_org": {"other_org"},
    "city_official": {"own", "other_org"},
    "city_official_other_city": {"other_city"},
    "provincial_official": {"own", "other_org", "other_city"},
    "provincial_official_other": {"other_province"},
    "national_official": set(ORGS),
    "expert": set(),
    "admin": set(ORGS),
}

# Every user of the world, by the attribute name of `World`.
USERS = tuple(VISIBLE)


def ids_of(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
