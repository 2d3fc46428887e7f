"""The nightly run's invitation list: newly green-channel-eligible talents without a dossier (§7)."""

from eligibility.models import ChangeDirection, Track
from eligibility.selectors.runs import run_changes
from eligibility.services.runs import run_start_nightly
from tests.evaluations.factories import DossierFactory
from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory


def nightly(capture):
    with capture(execute=True):
        run = run_start_nightly()
    run.refresh_from_db()
    return run


def test_talents_who_already_applied_are_not_listed_for_invitation(
    world, rule_set, eager, django_capture_on_commit_callbacks
):
    applied, not_applied = (TalentFactory(employer=world.org) for _ in range(2))
    for talent in (applied, not_applied):
        CredentialFactory(talent=talent)  # technician: high-skilled, not yet honoured
    nightly(django_capture_on_commit_callbacks)
    for talent in (applied, not_applied):
        HonourFactory(talent=talent)  # now green-channel eligible (R1 a)
    DossierFactory(talent=applied, track=Track.GREEN_CHANNEL, target_level="deputy_senior")
    run = nightly(django_capture_on_commit_callbacks)

    invite = run_changes(run=run, track=Track.GREEN_CHANNEL, direction=ChangeDirection.NEWLY_ELIGIBLE)

    assert [result.talent_id for result in invite] == [not_applied.pk]
