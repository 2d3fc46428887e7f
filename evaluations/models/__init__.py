"""Evaluation rounds, enterprise dossiers and their review, assessment and certificates
(docs/evaluations.md), one module per area; every name is importable from ``evaluations.models`` as before
(``Committee``, ``CommitteeMember`` and ``VoteChoice`` now live in the ``committees`` app and are re-exported).

A dossier moves only through ``workflow.transition`` with ``evaluations.workflow.DOSSIER_WORKFLOW``
(the transition table); every other write goes through ``evaluations.services``.
"""

from committees.models import Committee, CommitteeMember, VoteChoice
from evaluations.models.assessment import Score, Vote
from evaluations.models.certificates import Certificate, CertificateStatus
from evaluations.models.dossiers import (
    EDITABLE_STATUSES,
    Attachment,
    Dossier,
    DossierRevision,
    DossierStatus,
    EvidenceItem,
    EvidenceKind,
    attachment_path,
)
from evaluations.models.review import (
    CommentVisibility,
    DossierComment,
    DossierReview,
    ReviewDecision,
    ReviewLevel,
    RevisionSeen,
)
from evaluations.models.rounds import Method, OrganiserKind, Round, RoundKind, RoundMethod

__all__ = [
    "EDITABLE_STATUSES",
    "Attachment",
    "Certificate",
    "CertificateStatus",
    "Committee",
    "CommitteeMember",
    "CommentVisibility",
    "Dossier",
    "DossierComment",
    "DossierReview",
    "DossierRevision",
    "DossierStatus",
    "EvidenceItem",
    "EvidenceKind",
    "Method",
    "OrganiserKind",
    "ReviewDecision",
    "ReviewLevel",
    "RevisionSeen",
    "Round",
    "RoundKind",
    "RoundMethod",
    "Score",
    "Vote",
    "VoteChoice",
    "attachment_path",
]
