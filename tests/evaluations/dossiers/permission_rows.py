"""Permission-matrix rows of the clerk's dossier pages, the scoped attachment download and the
dossiers/attachments API; tests/test_permission_matrix.py discovers this file.

Subjects (dossier_subjects): one *submitted* dossier per organisation of the world, with an evidence
item and a stored PDF. Submitting it again is illegal (the page redirects with the message, the API
answers 409); withdrawing it is legal for its clerk. Experts see dossiers only from assessment on.
"""

from tests.evaluations.dossiers.factories import dossier_subjects
from tests.permissions import (
    CLERK_ONLY,
    CLERK_ONLY_FOREIGN,
    LOGIN,
    REGISTRY_API_FOREIGN,
    REGISTRY_API_OBJECT,
    SIGNED_IN_API,
    Also,
    Row,
    answers,
)


def pk_of(kind):
    return lambda subjects, which: {"pk": getattr(subjects, kind)[which].pk}


def evidence_kwargs(subjects, which):
    item = subjects.evidence[which]
    return {"pk": item.dossier_id, "eid": item.pk}


def clerk(answer):
    return answers(LOGIN, answer, 403, 403, 403, 403, 403)


def clerk_api(answer):
    return answers(401, answer, 403, 403, 403, 403, 403)


SCOPED_PAGE = answers(LOGIN, 200, 200, 200, 200, 404, 200)
SCOPED_PAGE_FOREIGN = answers(LOGIN, 404, 404, 404, 200, 404, 200)

ROWS = {
    "evaluations:dossier-list": Row("get", CLERK_ONLY),
    "evaluations:dossier-create": Row("post", CLERK_ONLY),
    "evaluations:dossier-edit": Row(
        "get", CLERK_ONLY, CLERK_ONLY_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "evaluations:dossier-submit": Row(
        "post", clerk(302), CLERK_ONLY_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "evaluations:dossier-withdraw": Row(
        "post", clerk(302), CLERK_ONLY_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "evaluations:evidence-add": Row(
        "post", clerk(400), CLERK_ONLY_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "evaluations:evidence-edit": Row("get", CLERK_ONLY, CLERK_ONLY_FOREIGN, evidence_kwargs, subjects=dossier_subjects),
    "evaluations:evidence-remove": Row(
        "post", clerk(302), CLERK_ONLY_FOREIGN, evidence_kwargs, subjects=dossier_subjects
    ),
    "evaluations:attachment-upload": Row(
        "post", clerk(400), CLERK_ONLY_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "evaluations:attachment-download": Row(
        "get", SCOPED_PAGE, SCOPED_PAGE_FOREIGN, pk_of("attachments"), subjects=dossier_subjects
    ),
    "evaluations:attachment-remove": Row(
        "post", clerk(302), CLERK_ONLY_FOREIGN, pk_of("attachments"), subjects=dossier_subjects
    ),
    "api:dossier-list": Row("get", SIGNED_IN_API),
    "api:dossier-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("dossiers"), subjects=dossier_subjects
    ),
    "api:dossier-submit": Row("post", clerk_api(409), clerk_api(404), pk_of("dossiers"), subjects=dossier_subjects),
    "api:dossier-withdraw": Row("post", clerk_api(200), clerk_api(404), pk_of("dossiers"), subjects=dossier_subjects),
    "api:attachment-list": Row("get", SIGNED_IN_API),
    "api:attachment-detail": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("attachments"), subjects=dossier_subjects
    ),
    "api:attachment-download": Row(
        "get", REGISTRY_API_OBJECT, REGISTRY_API_FOREIGN, pk_of("attachments"), subjects=dossier_subjects
    ),
}


# The other methods: only the dossier's clerk writes; a submitted dossier's attachment stays (409); an
# empty PATCH is a no-op (200); an empty create is refused (400), an upload needs multipart (415).
MORE = {
    "api:attachment-detail": {"delete": Also(clerk_api(409), clerk_api(404))},
    "api:attachment-list": {"post": Also(clerk_api(415))},
    "api:dossier-detail": {"patch": Also(clerk_api(200), clerk_api(404))},
    "api:dossier-list": {"post": Also(clerk_api(400))},
    "evaluations:dossier-create": {"get": Also(CLERK_ONLY)},
    "evaluations:dossier-edit": {"post": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},
    "evaluations:evidence-edit": {"post": Also(CLERK_ONLY, CLERK_ONLY_FOREIGN)},
}


def _attachment():
    from evaluations.models import Attachment
    from tests.evaluations.factories import DossierFactory

    dossier = DossierFactory()
    return Attachment.objects.create(
        dossier=dossier,
        file="dossiers/admin/probe",
        storage_key="admin-probe",
        original_name="probe.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=dossier.created_by,
    )


def _revision():
    from tests.evaluations.factories import DossierFactory, freeze_revision

    return freeze_revision(DossierFactory())


def _admin_makers():
    from evaluations.models import Attachment, Dossier, DossierRevision, EvidenceItem
    from tests.evaluations.factories import DossierFactory, EvidenceItemFactory

    return {
        Dossier: DossierFactory,
        EvidenceItem: EvidenceItemFactory,
        Attachment: _attachment,
        DossierRevision: _revision,
    }


ADMIN_MAKERS = _admin_makers()
