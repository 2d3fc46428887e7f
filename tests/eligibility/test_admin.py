"""Rule sets in the admin: drafts editable, published read-only, publish and new-version actions."""

from django.urls import reverse

from eligibility.models import RuleSet, RuleSetStatus
from eligibility.services.rule_sets import EDITABLE_FIELDS, rule_set_new_version
from tests.eligibility.factories import DEFAULT_RULE_SET, default_rule_set

CHANGELIST = reverse("admin:eligibility_ruleset_changelist")


def change_url(rule_set):
    return reverse("admin:eligibility_ruleset_change", args=[rule_set.pk])


def test_a_published_rule_set_is_read_only(world, client_for):
    client = client_for(world.admin)
    published = default_rule_set()
    page = client.get(change_url(published)).content.decode()
    assert 'name="r2_min_years_at_level"' not in page
    client.post(change_url(published), {"r2_min_years_at_level": 9, "title": "x"})
    assert RuleSet.objects.get(pk=published.pk).r2_min_years_at_level == 1


def test_the_new_version_action_then_edit_then_publish(world, client_for):
    client = client_for(world.admin)
    published = default_rule_set()
    client.post(CHANGELIST, {"action": "new_versions", "_selected_action": [published.pk]})
    draft = RuleSet.objects.get(code=DEFAULT_RULE_SET, status=RuleSetStatus.DRAFT)
    assert draft.version == 2 and draft.created_by == world.admin
    page = client.get(change_url(draft)).content.decode()
    assert 'name="r2_min_years_at_level"' in page and 'name="code"' not in page
    data = {field: getattr(draft, field) for field in EDITABLE_FIELDS}
    response = client.post(change_url(draft), {**data, "r2_min_years_at_level": 2})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.r2_min_years_at_level == 2
    client.post(CHANGELIST, {"action": "publish_drafts", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == RuleSetStatus.PUBLISHED and draft.published_by == world.admin


def test_no_add_and_no_delete(world, client_for):
    client = client_for(world.admin)
    rule_set_new_version(actor=world.admin, code=DEFAULT_RULE_SET)
    assert client.get(reverse("admin:eligibility_ruleset_add")).status_code == 403
    assert client.get(reverse("admin:eligibility_ruleset_delete", args=[default_rule_set().pk])).status_code == 403
