"""``{% fast_select %}`` and ``{% fast_widget %}`` render the selects Django and crispy would, with no COUNT query."""

import re

from django import forms
from django.template import Context, Template

from villages.models import Office
from villages.templatetags.fast_select import fast_widget


class Filters(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.order_by("name"), required=False, empty_label="Semua")
    kind = forms.ChoiceField(choices=[("", "Semua jenis"), ("a", "A & B"), ("b", "<b>")], required=True)
    when = forms.DateField(required=False)


def parts(html: str) -> tuple[list[str], list[str]]:
    """The <select> tag's attributes and its options, whatever the whitespace."""
    select = re.search(r"<select([^>]*)>", html)
    assert select is not None, html
    return sorted(select.group(1).split()), re.findall(r"<option[^>]*>[^<]*</option>", re.sub(r">\s+<", "><", html))


def test_fast_widget_renders_the_select_django_renders(world, django_assert_num_queries):
    for data in ({}, {"office": str(world.office_y.pk), "kind": "b"}, {"office": "999999", "kind": "zz"}):
        form = Filters(data)
        form.is_valid()
        for name in ("office", "kind"):
            with django_assert_num_queries(1 if name == "office" else 0):
                fast = fast_widget(form[name])
            assert parts(fast) == parts(str(form[name])), (data, name)
        assert fast_widget(form["when"]) == str(form["when"])  # not a select: Django's own rendering


def test_fast_select_has_the_label_the_error_and_the_help_text(world):
    form = Filters({"office": "999999", "kind": "a"})
    form.is_valid()
    form.fields["office"].help_text = form["office"].help_text = "Pilih satu kantor."

    html = Template("{% load fast_select %}{% fast_select form.office %}").render(Context({"form": form}))

    assert '<label for="id_office" class="form-label">' in html
    assert 'aria-describedby="id_office_error id_office_helptext"' in html
    assert 'class="select form-select is-invalid"' in html
    assert 'id="id_office_error" class="invalid-feedback"' in html
    assert '<div id="id_office_helptext" class="form-text">Pilih satu kantor.</div>' in html
    assert html.count("<option") == Office.objects.count() + 1
    assert "&lt;b&gt;" in Template("{% load fast_select %}{% fast_select form.kind %}").render(Context({"form": form}))
