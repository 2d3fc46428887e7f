"""Permission-matrix input for commendations (tests/test_permission_matrix.py discovers this file).

Campaigns (pages and API): a Guangdong campaign, visible to every Guangdong user and run by the
province's officials, and a Jiangsu one (tests.commendations.factories.campaign_subjects). Each
area appends its rows to ``ROWS`` and ``MORE``.
"""

from tests.commendations.factories import campaign_subjects
from tests.permissions import LOGIN, SIGNED_IN_API, SIGNED_IN_PAGE, Also, Row, answers


def campaign_kwargs(subjects, which):
    return {"pk": subjects.campaigns[which].pk}


# The Guangdong campaign is every Guangdong user's; the Jiangsu one is not (404).
JIANGSU = {"other_province": {"enterprise_clerk": 404, "city_official": 404}}
# Where a clerk is refused (403) before anything is looked up, only the city official meets the 404.
JIANGSU_CITY = {"other_province": {"city_official": 404}}
SEEN_FOREIGN_PAGE = answers(LOGIN, 200, 200, 404, 200, 404, 200)
SEEN_FOREIGN_API = answers(401, 200, 200, 404, 200, 404, 200)
# Changing a campaign: the organising province's officials; everyone else who sees it 403.
MANAGE_PAGE = answers(LOGIN, 403, 403, 200, 403, 403, 403)
MANAGE_PAGE_FOREIGN = answers(LOGIN, 403, 403, 404, 403, 403, 403)
MANAGE_API_FOREIGN = answers(401, 403, 403, 404, 403, 404, 403)
OFFICIALS_PAGE = answers(LOGIN, 403, 200, 200, 200, 403, 403)


def manage_api(own):
    return answers(401, 403, 403, own, 403, 403, 403)


ROWS = {
    "commendations:campaign-list": Row("get", SIGNED_IN_PAGE),
    "commendations:campaign-create": Row("post", OFFICIALS_PAGE),  # an empty form: 200 with its errors
    "commendations:campaign-detail": Row(
        "get", SIGNED_IN_PAGE, SEEN_FOREIGN_PAGE, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
    "commendations:campaign-edit": Row(
        "get", MANAGE_PAGE, MANAGE_PAGE_FOREIGN, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU_CITY
    ),
    "commendations:campaign-quotas": Row(
        "get", SIGNED_IN_PAGE, SEEN_FOREIGN_PAGE, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
    # Closing an open campaign redirects to it; concluding it is refused there with a message (302 too).
    "commendations:campaign-close": Row(
        "post",
        answers(LOGIN, 403, 403, 302, 403, 403, 403),
        MANAGE_PAGE_FOREIGN,
        campaign_kwargs,
        subjects=campaign_subjects,
        levels=JIANGSU_CITY,
    ),
    "commendations:campaign-conclude": Row(
        "post",
        answers(LOGIN, 403, 403, 302, 403, 403, 403),
        MANAGE_PAGE_FOREIGN,
        campaign_kwargs,
        subjects=campaign_subjects,
        levels=JIANGSU_CITY,
    ),
    "api:campaign-list": Row("get", SIGNED_IN_API),
    "api:campaign-detail": Row(
        "get", SIGNED_IN_API, SEEN_FOREIGN_API, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
    "api:campaign-close": Row(
        "post", manage_api(200), MANAGE_API_FOREIGN, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
    "api:campaign-conclude": Row(  # an open campaign cannot be concluded: 409 for its officials
        "post", manage_api(409), MANAGE_API_FOREIGN, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
    "api:campaign-quotas": Row(
        "get", SIGNED_IN_API, SEEN_FOREIGN_API, campaign_kwargs, subjects=campaign_subjects, levels=JIANGSU
    ),
}

MORE = {
    "commendations:campaign-create": {"get": Also(OFFICIALS_PAGE)},
    "commendations:campaign-edit": {"post": Also(MANAGE_PAGE, MANAGE_PAGE_FOREIGN, levels=JIANGSU_CITY)},
    # Setting a quota: officials (an empty form, 200); clerks and experts 403 before any lookup.
    "commendations:campaign-quotas": {
        "post": Also(
            answers(LOGIN, 403, 200, 200, 200, 403, 200),
            answers(LOGIN, 403, 200, 404, 200, 403, 200),
            levels=JIANGSU_CITY,
        )
    },
    "api:campaign-list": {"post": Also(answers(401, 403, 400, 400, 400, 403, 403))},
    # An empty PATCH changes nothing (200) for the organising officials.
    "api:campaign-detail": {"patch": Also(manage_api(200), MANAGE_API_FOREIGN, levels=JIANGSU)},
    "api:campaign-quotas": {
        "post": Also(
            answers(401, 403, 400, 400, 400, 403, 400), answers(401, 403, 400, 404, 400, 403, 400), levels=JIANGSU_CITY
        )
    },
}


def _admin_makers():
    from commendations.models import Campaign, CampaignQuota, Nomination
    from tests.accounts.factories import region
    from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory

    return {
        Campaign: CampaignFactory,
        CampaignQuota: lambda: CampaignQuotaFactory(region=region("440300")),
        Nomination: NominationFactory,
    }


ADMIN_MAKERS = _admin_makers()
