"""Reads of programs, one module per area, always limited to what the actor may see (out of scope → 404).

Visibility:
- plans, key tasks and key industries: every signed-in user of a program role;
- targets: officials, for their own region, the regions under it and the regions above it;
- activities: the region chain of the actor, officials also the regions under them, organisers their own;
- enrolments: those of talents in the actor's scope, and all of the activities the actor manages;
- questions: those of the actor's organisation(s), all of managed activities, and published ones of
  visible activities;
- platforms: by host organisation scope;
- progress figures: the actor's region and the regions under it.

A list's selector takes the cleaned values of its ``programs.filters`` class and narrows with ``apply``.
"""
