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


# Public notice, conferral and the honours roll (area "pub"). Subjects: a Guangdong campaign with a
# nomination in expert review ("own") and a Jiangsu one (every foreign level).


def _publicity_subjects(world):
    from dataclasses import dataclass

    from tests.accounts.factories import region
    from tests.commendations.factories import green_channel_campaign, nomination_in_review

    @dataclass
    class PublicitySubjects:
        campaigns: dict
        nominations: dict

    guangdong = green_channel_campaign(region=region("440000"))
    jiangsu = green_channel_campaign(region=region("320000"))
    own = nomination_in_review(world, guangdong)
    foreign = nomination_in_review(world, jiangsu, organisation=world.org_other_province)
    levels = ("other_org", "other_city", "other_province")
    return PublicitySubjects(
        campaigns={"own": guangdong, **dict.fromkeys(levels, jiangsu)},
        nominations={"own": own, **dict.fromkeys(levels, foreign)},
    )


def _campaign_kwargs(subjects, which):
    return {"pk": subjects.campaigns[which].pk}


def _confer_kwargs(subjects, which):
    return {"pk": subjects.campaigns[which].pk, "nomination_pk": subjects.nominations[which].pk}


def _publicity_rows() -> dict:
    from tests.permissions import LOGIN, Also, Row, answers

    # The Guangdong campaign's officials (the province) and administrators; the ministry runs national ones.
    # Experts see the campaigns of their employer's region (the campaign scope), so the Guangdong expert
    # sees the own campaign but may not act on it (403); the Jiangsu one stays out of scope (404).
    campaign_page = answers(LOGIN, 403, 403, 200, 403, 403, 200)
    campaign_page_foreign = answers(LOGIN, 404, 404, 404, 403, 404, 200)
    notice_post = answers(LOGIN, 403, 403, 400, 403, 403, 400)
    notice_post_foreign = answers(LOGIN, 404, 404, 404, 403, 404, 400)
    # A nomination still in expert review: refused with a message, back to the conferral page.
    confer = answers(LOGIN, 403, 403, 302, 403, 403, 302)
    confer_foreign = answers(LOGIN, 404, 404, 404, 403, 404, 302)
    # The awardees' list: the campaign's officials and the ministry.
    awardees = answers(LOGIN, 403, 403, 200, 200, 403, 200)
    awardees_foreign = answers(LOGIN, 404, 404, 404, 200, 404, 200)
    subjects = _publicity_subjects
    return {
        "commendations:campaign-notice-publish": Row(
            "get",
            campaign_page,
            campaign_page_foreign,
            _campaign_kwargs,
            subjects=subjects,
            # An empty form: refused (400) to those who may publish, after the scope and permission checks.
            more={"post": Also(notice_post, notice_post_foreign)},
        ),
        "commendations:campaign-conferral": Row(
            "get", campaign_page, campaign_page_foreign, _campaign_kwargs, subjects=subjects
        ),
        "commendations:nomination-confer": Row("post", confer, confer_foreign, _confer_kwargs, subjects=subjects),
        "commendations:campaign-awardees-pdf": Row(
            "get", awardees, awardees_foreign, _campaign_kwargs, subjects=subjects
        ),
        "commendations:honours-roll": Row("get", answers(LOGIN, 403, 200, 200, 200, 403, 200)),
        # Empty bodies: the shape is refused (400) before anything is looked up.
        "api:commendation-notice-create": Row("post", answers(401, 400, 400, 400, 400, 400, 400)),
        "api:conferral-create": Row("post", answers(401, 400, 400, 400, 400, 400, 400)),
        "api:honours-roll-list": Row("get", answers(401, 403, 200, 200, 200, 403, 200)),
    }


ROWS.update(_publicity_rows())


def _admin_makers():
    from commendations.models import Campaign, CampaignQuota, Nomination, NominationAttachment, OrganisationAward
    from tests.accounts.factories import region
    from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory
    from tests.commendations.nominations.subjects import make_attachment

    return {
        Campaign: CampaignFactory,
        CampaignQuota: lambda: CampaignQuotaFactory(region=region("440300")),
        Nomination: NominationFactory,
        NominationAttachment: make_attachment,
        OrganisationAward: _organisation_award,
    }


def _organisation_award():
    from commendations.models import NominationStatus, OrganisationAward
    from tests.accounts.factories import OrganisationFactory, region
    from tests.commendations.factories import CampaignFactory, NominationFactory

    organisation = OrganisationFactory(region=region("440100"))
    campaign = CampaignFactory(nominee_kind="organisation")
    nomination = NominationFactory(
        campaign=campaign,
        talent=None,
        nominee_organisation=organisation,
        organisation=organisation,
        status=NominationStatus.CONFERRED,
    )
    return OrganisationAward.objects.create(
        organisation=organisation,
        award=campaign.award,
        campaign=campaign,
        nomination=nomination,
        conferred_on=campaign.opens_on,
        conferring_body="广东省人力资源和社会保障厅",
    )


ADMIN_MAKERS = _admin_makers()


# Nominations (the nom area): tests/commendations/nominations/subjects.py builds one draft nomination per
# organisation of the world in a national campaign (the ministry sees them all), each with an attachment.
def _nomination_rows():
    from tests.commendations.nominations.subjects import nomination_subjects
    from tests.permissions import (
        LOGIN,
        REGISTRY_API_FOREIGN,
        REGISTRY_API_OBJECT,
        REGISTRY_FOREIGN,
        REGISTRY_PAGE,
        SIGNED_IN_API,
        Also,
        Row,
        answers,
    )

    def nomination(subjects, which):
        return {"pk": subjects.nominations[which].pk}

    def attachment(subjects, which):
        return {"pk": subjects.attachments[which].pk}

    nominators = answers(LOGIN, 200, 200, 403, 403, 403, 403)
    nominators_foreign = answers(LOGIN, 404, 404, 403, 403, 403, 403)
    # A draft: recommend, return and reject are illegal from it (409) for everyone who sees it.
    illegal_step = answers(401, 409, 409, 409, 409, 404, 409)
    illegal_step_foreign = answers(401, 404, 404, 404, 409, 404, 409)
    api_nominators_foreign = answers(401, 404, 404, 403, 403, 403, 403)
    rows = {
        "commendations:nomination-list": Row("get", REGISTRY_PAGE),
        "commendations:nomination-queue": Row("get", answers(LOGIN, 403, 200, 200, 403, 403, 403)),
        "commendations:nomination-create": Row(
            "get", nominators, more={"post": Also(answers(LOGIN, 200, 200, 403, 403, 403, 403))}
        ),
        "commendations:nomination-detail": Row(
            "get", REGISTRY_PAGE, REGISTRY_FOREIGN, nomination, subjects=nomination_subjects
        ),
        # An empty form is valid (the texts are optional until submission): saved, then redirected.
        "commendations:nomination-edit": Row(
            "get",
            nominators,
            nominators_foreign,
            nomination,
            subjects=nomination_subjects,
            more={"post": Also(answers(LOGIN, 302, 302, 403, 403, 403, 403), nominators_foreign)},
        ),
        # An empty step form is refused (400) after the scoped lookup.
        "commendations:nomination-step": Row(
            "post",
            answers(LOGIN, 400, 400, 400, 400, 403, 400),
            answers(LOGIN, 404, 404, 404, 400, 403, 400),
            nomination,
            subjects=nomination_subjects,
        ),
        "commendations:nomination-attachment-upload": Row(
            "post",
            answers(LOGIN, 400, 400, 403, 403, 403, 403),
            nominators_foreign,
            nomination,
            subjects=nomination_subjects,
        ),
        "commendations:nomination-attachment-download": Row(
            "get",
            answers(LOGIN, 200, 200, 200, 200, 404, 200),
            answers(LOGIN, 404, 404, 404, 200, 404, 200),
            attachment,
            subjects=nomination_subjects,
        ),
        "commendations:nomination-attachment-remove": Row(
            "post",
            answers(LOGIN, 302, 302, 403, 403, 403, 403),
            nominators_foreign,
            attachment,
            subjects=nomination_subjects,
        ),
        "api:nomination-list": Row(
            "get", SIGNED_IN_API, more={"post": Also(answers(401, 400, 400, 403, 403, 403, 403))}
        ),
        "api:nomination-detail": Row(
            "get",
            REGISTRY_API_OBJECT,
            REGISTRY_API_FOREIGN,
            nomination,
            subjects=nomination_subjects,
            more={"patch": Also(answers(401, 200, 200, 403, 403, 403, 403), api_nominators_foreign)},
        ),
        # Submitting needs the recommendation text, which the subjects lack (400 after the actor check).
        "api:nomination-submit": Row(
            "post",
            answers(401, 400, 400, 403, 403, 404, 403),
            answers(401, 404, 404, 404, 403, 404, 403),
            nomination,
            subjects=nomination_subjects,
        ),
        "api:nomination-withdraw": Row(
            "post",
            answers(401, 200, 403, 403, 403, 404, 403),
            answers(401, 404, 404, 404, 403, 404, 403),
            nomination,
            subjects=nomination_subjects,
        ),
        **{
            f"api:nomination-{step}": Row(
                "post", illegal_step, illegal_step_foreign, nomination, subjects=nomination_subjects
            )
            for step in ("recommend", "return", "reject", "start-review")
        },
        # The matrix posts JSON; the upload takes multipart only (415) — after the role check (403).
        "api:nomination-attachment-list": Row("post", answers(401, 415, 415, 403, 403, 403, 403)),
        "api:nomination-attachment-detail": Row(
            "get",
            REGISTRY_API_OBJECT,
            REGISTRY_API_FOREIGN,
            attachment,
            subjects=nomination_subjects,
            more={"delete": Also(answers(401, 204, 204, 403, 403, 403, 403), api_nominators_foreign)},
        ),
        "api:nomination-attachment-download": Row(
            "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, attachment, subjects=nomination_subjects
        ),
    }
    return rows


ROWS |= _nomination_rows()
