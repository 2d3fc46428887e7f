"""Who is told: the active users of a role at a place (queries over accounts only, so any app may use them)."""

from django.contrib.auth import get_user_model

from accounts.models import Role


def _active():
    return get_user_model().objects.filter(is_active=True)


def city_officials_of(region_id: int | None):
    if region_id is None:
        return _active().none()
    return _active().filter(role=Role.CITY_OFFICIAL, region_id=region_id)


def provincial_officials_of(region) -> list:
    """The provincial officials of the province ``region`` is (or lies in); none for a national region."""
    province_id = region.province_id if region is not None else None
    if province_id is None:
        return _active().filter(role=Role.NATIONAL_OFFICIAL)
    return _active().filter(role=Role.PROVINCIAL_OFFICIAL, region_id=province_id)


def clerks_of(organisation_id: int | None):
    if organisation_id is None:
        return _active().none()
    return _active().filter(role=Role.ENTERPRISE_CLERK, organisation_id=organisation_id)
