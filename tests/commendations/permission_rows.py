"""Permission-matrix input for commendations (tests/test_permission_matrix.py discovers this file).

No commendation URL yet (the API and pages come in the next slice); the admin objects' makers.
"""

ROWS: dict = {}


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
