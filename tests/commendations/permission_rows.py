"""Permission-matrix input for commendations (tests/test_permission_matrix.py discovers this file).

No commendation URL yet (the API and pages come in the next slice); the admin objects' makers.
"""

ROWS: dict = {}


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
    from tests.permissions import LOGIN, Row, answers

    # The Guangdong campaign's officials (the province) and administrators; the ministry runs national ones.
    # Experts do not see a province's campaigns (commendations.selectors.campaign_scope).
    campaign_page = answers(LOGIN, 403, 403, 200, 403, 404, 200)
    campaign_page_foreign = answers(LOGIN, 404, 404, 404, 403, 404, 200)
    # A nomination still in expert review: refused with a message, back to the conferral page.
    confer = answers(LOGIN, 403, 403, 302, 403, 404, 302)
    confer_foreign = answers(LOGIN, 404, 404, 404, 403, 404, 302)
    # The awardees' list: the campaign's officials and the ministry.
    awardees = answers(LOGIN, 403, 403, 200, 200, 404, 200)
    awardees_foreign = answers(LOGIN, 404, 404, 404, 200, 404, 200)
    subjects = _publicity_subjects
    return {
        "commendations:campaign-notice-publish": Row(
            "get", campaign_page, campaign_page_foreign, _campaign_kwargs, subjects=subjects
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
    from commendations.models import Campaign, CampaignQuota, Nomination, OrganisationAward
    from tests.accounts.factories import region
    from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory

    return {
        Campaign: CampaignFactory,
        CampaignQuota: lambda: CampaignQuotaFactory(region=region("440300")),
        Nomination: NominationFactory,
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
