from django.contrib.auth.models import Group

from villages.formfields import IdListField


def test_an_id_beyond_64_bits_is_an_invalid_choice_not_an_error(db):
    Group.objects.create(name="a")
    field = IdListField(queryset=Group.objects.all())
    form_errors = []
    try:
        field.clean([str(2**64)])
    except Exception as exc:
        form_errors.append(type(exc).__name__)
    assert form_errors == ["ValidationError"]


def test_known_ids_still_come_back_as_rows(db):
    group = Group.objects.create(name="a")
    assert list(IdListField(queryset=Group.objects.all()).clean([str(group.pk)])) == [group]
