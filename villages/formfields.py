"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


class IdListField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that refuses ids the database cannot hold instead of failing.

    SQLite raises ``OverflowError`` for an ``IN`` lookup with an integer beyond 64 bits; a tampered form
    could send one. PostgreSQL simply finds no row. Either way the user gets the field's message.
    """

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": "?"}
            ) from None
