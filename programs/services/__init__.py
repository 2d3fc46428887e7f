"""Writes to programs, one module per area (targets, activities, enrolments, questions, platforms, progress).

Every write checks the role with a ``programs.rules`` predicate, validates, saves and audits in one
transaction. Invariants that races could break are taken under row locks named ``of=("self",)``, so a
join (region, plan, talent) never locks rows other writers need.
"""
