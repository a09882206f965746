"""Updating a row from a dict: set what differs, save only that, say what changed (HackSoft's ``model_update``)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models


def update_fields(
    instance: models.Model, data: Mapping[str, Any], *, fields: Iterable[str], save: bool = True
) -> list[str]:
    """Set each of ``fields`` that ``data`` holds and ``instance`` does not already have; return their names.

    Keys of ``data`` outside ``fields`` are ignored: ``fields`` is what the caller allows to change. A foreign
    key compares by primary key (no query). Saved: only the changed fields, with the model's ``auto_now`` fields
    (``updated_at``); nothing changed, nothing saved; a row not yet in the database is inserted whole.
    ``save=False`` only sets, for a caller that saves the row itself together with changes of its own.
    """
    changed = [name for name in fields if name in data and _differs(instance, name, data[name])]
    for name in changed:
        setattr(instance, name, data[name])
    if save and instance._state.adding:
        instance.save()
    elif save and changed:
        instance.save(update_fields=[*changed, *_auto_now_fields(instance)])
    return changed


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    field = instance._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        key = value.pk if isinstance(value, models.Model) else value
        return getattr(instance, field.attname) != key
    return getattr(instance, name) != value


def _auto_now_fields(instance: models.Model) -> list[str]:
    return [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
