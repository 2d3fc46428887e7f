"""The pure diff between two frozen revisions (evaluations.selectors.review.revision_changes)."""

from django.utils import translation

from evaluations.selectors.review import revision_changes
from tests.evaluations.review.factories import attachment, content, evidence


def test_identical_contents_have_no_changes():
    before = content(evidence=[evidence(1)], attachments=[attachment(7)])
    assert not revision_changes(before, dict(before)).changed


def test_a_changed_dossier_field_is_reported_with_labels_and_choice_names():
    with translation.override("en"):
        diff = revision_changes(content(track="promotion"), content(track="green_channel"))
    assert [(c.key, c.label, c.before, c.after) for c in diff.fields] == [
        ("fields.track", "track", "Promotion", "Green channel")
    ]
    assert diff.items == []


def test_evidence_added_removed_and_changed_item_by_item(db):
    before = content(evidence=[evidence(1), evidence(2, description="带徒3名")])
    after = content(evidence=[evidence(1, description="改进夹具，效率提高40%"), evidence(3, kind="patent")])
    with translation.override("en"):
        diff = revision_changes(before, after)
    by_kind = {(item.kind, item.item_id): item for item in diff.items}
    assert set(by_kind) == {("changed", 1), ("added", 3), ("removed", 2)}
    changed = by_kind[("changed", 1)]
    assert [(c.key, c.before, c.after) for c in changed.fields] == [
        ("description", "改进数控车床夹具，加工效率提高30%", "改进夹具，效率提高40%")
    ]
    assert changed.collection_label == "evidence items"
    assert by_kind[("removed", 2)].label == "带徒3名"


def test_a_reordered_list_alone_is_no_change():
    before = content(evidence=[evidence(1), evidence(2)])
    after = content(evidence=[evidence(2), evidence(1)])
    assert not revision_changes(before, after).changed


def test_a_replaced_attachment_is_one_removal_and_one_addition():
    before = content(attachments=[attachment(7, name="旧证书.pdf")])
    after = content(attachments=[attachment(8, name="新证书.pdf", sha="b" * 64)])
    diff = revision_changes(before, after)
    assert [(i.kind, i.collection, i.label) for i in diff.items] == [
        ("added", "attachments", "新证书.pdf"),
        ("removed", "attachments", "旧证书.pdf"),
    ]


def test_the_first_attachment_of_a_dossier_is_an_addition_from_an_empty_list():
    diff = revision_changes(content(), content(attachments=[attachment(7)]))
    assert [(i.kind, i.item_id) for i in diff.items] == [("added", 7)]


def test_generic_contents_keys_missing_on_one_side_and_nested_dicts():
    diff = revision_changes({"a": 1, "nested": {"x": 1}}, {"b": 2, "nested": {"x": 2}})
    assert {(c.key, c.before, c.after) for c in diff.fields} == {
        ("a", 1, "—"),
        ("b", "—", 2),
        ("nested.x", 1, 2),
    }


def test_an_eligibility_outcome_change_is_named(db):
    before, after = content(), content()
    after["eligibility"] = {"check": 2, "outcome": "needs_review"}
    with translation.override("en"):
        diff = revision_changes(before, after)
    assert ("eligibility.outcome", "eligibility", "Eligible", "Needs review") in {
        (c.key, c.label, c.before, c.after) for c in diff.fields
    }
