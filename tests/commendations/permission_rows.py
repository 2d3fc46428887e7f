"""Permission-matrix input for commendations (tests/test_permission_matrix.py discovers this file).

No commendation URL yet (the API and pages come in the next slice); the admin objects' makers.
"""

ROWS: dict = {}
MORE: dict = {}


def _admin_makers():
    from commendations.models import Campaign, CampaignQuota, Nomination, NominationAttachment
    from tests.accounts.factories import region
    from tests.commendations.factories import CampaignFactory, CampaignQuotaFactory, NominationFactory
    from tests.commendations.nominations.subjects import make_attachment

    return {
        Campaign: CampaignFactory,
        CampaignQuota: lambda: CampaignQuotaFactory(region=region("440300")),
        Nomination: NominationFactory,
        NominationAttachment: make_attachment,
    }


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
            for step in ("recommend", "return", "reject")
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
