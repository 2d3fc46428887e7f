"""Retention of per-talent results: summaries are frozen, old runs' results removed (§7 at scale)."""

from django.urls import reverse

from accounts.models import AuditLog
from eligibility.models import EligibilityRunResult, RunScope
from eligibility.selectors.runs import run_summary_compute
from eligibility.services.runs import run_prune_results, run_start
from tests.accounts.factories import region


def finished_runs(official, capture, count):
    runs = []
    for _ in range(count):
        with capture(execute=True):
            run = run_start(actor=official, scope=RunScope.REGION, region=region("440000"))
        run.refresh_from_db()
        runs.append(run)
    return runs


def test_pruning_keeps_the_newest_runs_and_their_comparison_and_freezes_every_summary(
    world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    first, second, third = finished_runs(world.provincial_official, django_capture_on_commit_callbacks, 3)
    live = run_summary_compute(first)

    pruned = run_prune_results(keep=1)

    assert pruned == [first.pk]  # the third is the newest; the second is what it compares with
    assert not EligibilityRunResult.objects.filter(run=first).exists()
    assert EligibilityRunResult.objects.filter(run=second).count() == len(people.guangdong)
    for run in (first, second, third):
        run.refresh_from_db()
        assert run.summary is not None
    assert first.summary["outcomes"] == live["outcomes"]
    assert first.results_pruned_at is not None and second.results_pruned_at is None
    assert AuditLog.objects.filter(action="eligibility_run_prune", object_id=str(first.pk)).count() == 1
    assert run_prune_results(keep=1) == []  # nothing left to do


def test_a_pruned_runs_page_shows_its_frozen_counts_but_no_per_talent_lists(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    first, second, third = finished_runs(world.provincial_official, django_capture_on_commit_callbacks, 3)
    run_prune_results(keep=1)
    client = client_for(world.provincial_official)

    page = client.get(reverse("eligibility:run-detail", args=[second.pk]))
    assert 'id="results-pruned"' not in page.content.decode()
    run_prune_results(keep=1)  # a later pass: still kept as the newest run's comparison
    old = client.get(reverse("eligibility:run-detail", args=[first.pk]))
    total = sum(count for count, _query in old.context["outcome_rows"][0][1])

    assert total == len(people.guangdong)
    assert 'id="results-pruned"' in old.content.decode()
    assert "data-result-count" not in old.content.decode()  # no talents to list behind its counts
    changes = reverse("eligibility:run-changes", args=[second.pk]) + "?track=green_channel"
    assert client.get(changes).status_code == 200
    first_changes = reverse("eligibility:run-changes", args=[first.pk]) + "?track=green_channel"
    assert client.get(first_changes).status_code == 404  # the first run had no previous run anyway


def test_the_api_summary_of_a_pruned_run_is_the_frozen_one(
    client_for, world, rule_set, people, eager, django_capture_on_commit_callbacks
):
    first, _second, _third = finished_runs(world.provincial_official, django_capture_on_commit_callbacks, 3)
    before = client_for(world.provincial_official).get(f"/api/v1/eligibility-runs/{first.pk}/").json()
    run_prune_results(keep=1)

    after = client_for(world.provincial_official).get(f"/api/v1/eligibility-runs/{first.pk}/").json()

    assert after["summary"] == before["summary"]
    assert sum(after["summary"]["outcomes"]["promotion"].values()) == len(people.guangdong)
