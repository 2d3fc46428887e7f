"""What an owning app does with its subjects when a notice confirms or withdraws them.

evaluations (and later commendations) register their handlers in ``AppConfig.ready()``; this app
never imports them (docs/conventions.md §16). Callbacks are ``(subject, entry, actor)`` and run inside the
transaction that closes the notice or resolves the objection, so a failing handler rolls it back.
``on_objection_resolved(subject, objection, actor)`` (optional) runs after every resolution, upheld or
dismissed (after ``on_withdrawn``), e.g. to tell the nominator the outcome.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SubjectHandlers:
    on_confirmed: Callable
    on_withdrawn: Callable
    on_objection_resolved: Callable | None = None


_HANDLERS: dict[str, SubjectHandlers] = {}


def _key(model) -> str:
    return model._meta.concrete_model._meta.label_lower


def register_subject_handlers(
    model, *, on_confirmed: Callable, on_withdrawn: Callable, on_objection_resolved: Callable | None = None
) -> None:
    _HANDLERS[_key(model)] = SubjectHandlers(
        on_confirmed=on_confirmed, on_withdrawn=on_withdrawn, on_objection_resolved=on_objection_resolved
    )


def unregister_subject_handlers(model) -> None:
    """For tests that register a throw-away subject model."""
    _HANDLERS.pop(_key(model), None)


def is_registered(model) -> bool:
    return _key(model) in _HANDLERS


def handlers_for(model) -> SubjectHandlers:
    try:
        return _HANDLERS[_key(model)]
    except KeyError:
        raise ImproperlyConfigured(
            f"No notice handlers for {_key(model)}: "
            "call notices.registry.register_subject_handlers() in its app's ready()."
        ) from None
