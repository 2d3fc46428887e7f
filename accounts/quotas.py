"""The arithmetic of amounts split down the region tree (plan targets, campaign quotas).

A parent's amount bounds the sum of its children's; a region's own amount cannot fall below what
its children already hold. Pure functions: the callers lock the parent row and sum the rows.
"""


def room_left(*, parent: int, siblings: int) -> int:
    """What is left of ``parent`` for one more child once its ``siblings`` hold theirs."""
    return max(parent - siblings, 0)


def exceeds_parent(*, amount: int, siblings: int, parent: int) -> bool:
    """Would a child holding ``amount`` make the children add up to more than the parent?"""
    return siblings + amount > parent


def below_children(*, amount: int, children: int) -> bool:
    """Would ``amount`` be less than what the region's children already hold?"""
    return amount < children
