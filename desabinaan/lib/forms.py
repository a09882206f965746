"""Required fields that say what is missing: "Isi tanggal kegiatan.", not Django's "Bidang ini tidak boleh kosong."

Every form people fill in mixes in ``SaysWhatIsMissing``. When the form is cleaned, each required field that
still carries Django's generic message gets one made from its own label: "Pilih <label>." for a choice (a
list, radio buttons, a file), "Isi <label>." for anything typed. A field whose label does not make a sentence
that way says it in its own words with ``error_messages={"required": ...}``, and is left alone.
"""

from django import forms
from django.utils.translation import gettext

GENERIC = forms.Field.default_error_messages["required"]
# Chosen rather than typed (the multiple-choice fields are subclasses of these).
CHOSEN = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField)


def in_sentence(label: object) -> str:
    """A label in the middle of a sentence: "Tanggal kegiatan" → "tanggal kegiatan"; "NPSN" keeps its capitals."""
    text = str(label)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def missing_message(field: forms.Field) -> str:
    values = {"label": in_sentence(field.label)}
    if isinstance(field, CHOSEN):
        return gettext("Pilih %(label)s.") % values
    return gettext("Isi %(label)s.") % values


class SaysWhatIsMissing(forms.BaseForm):
    """Mixed in first: ``class ActivityForm(SaysWhatIsMissing, forms.ModelForm)``."""

    def full_clean(self) -> None:
        # Here rather than in __init__: forms add and replace fields in their own __init__, and the
        # message is made in the language of the request that submits the form.
        for field in self.fields.values():
            if field.required and field.label and field.error_messages.get("required") == GENERIC:
                field.error_messages["required"] = missing_message(field)
        super().full_clean()
