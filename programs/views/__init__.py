"""Programs pages, one module per area: permission check → selector → form → service → redirect
(docs/conventions.md §7).

A role that may not take an action gets 403 before anything is looked up; an object outside the
actor's scope is 404 (the selectors raise it). htmx requests get the fragment from
``templates/programs/partials/``; without JavaScript every page works as a plain form. Each module
owns its URL patterns (``programs/urls.py`` joins them).
"""
