"""The one error type for business rules (docs/conventions.md §6): views turn it into a form error, the API
into JSON."""

from django.core.exceptions import ValidationError


class ApplicationError(Exception):
    """A request the rules refuse. ``status`` is 400 for bad input and 409 for a state conflict."""

    def __init__(self, message, *, code: str = "invalid", status: int = 400, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.field = field

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> "ApplicationError":
        if hasattr(error, "error_dict"):
            field, errors = next(iter(error.error_dict.items()))
            first = errors[0]
            message = first.message % first.params if first.params else first.message
            app_error = cls(message, code=first.code or "invalid", field=None if field == "__all__" else field)
        else:
            first = error.error_list[0]
            message = first.message % first.params if first.params else first.message
            app_error = cls(message, code=first.code or "invalid")
        app_error.validation_error = error
        return app_error

    def as_field_errors(self) -> dict[str, list[str]]:
        error = getattr(self, "validation_error", None)
        if error is not None and hasattr(error, "message_dict"):
            return {
                ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
                for key, messages in error.message_dict.items()
            }
        return {self.field or "non_field_errors": [str(self.message)]}


class PermissionDeniedError(ApplicationError):
    """The role may not take this action (403)."""

    def __init__(self, message, *, code: str = "forbidden"):
        super().__init__(message, code=code, status=403)
