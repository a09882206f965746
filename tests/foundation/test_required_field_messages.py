"""An empty required field says what is missing in its own words, never Django's generic sentence."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

from desabinaan.forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from desabinaan.lib.forms import SaysWhatIsMissing, in_sentence
from edukasi.forms import ArticleForm, ChecklistForm, FeeForm, HotlineForm
from reports.forms.activities import ActivityForm
from reports.forms.incidents import IncidentForm
from villages.forms import RegionCodeForm, UnitApproveForm, UnitEditForm, UnitLaunchForm, UnitProposalForm
from villages.forms_members import InvitationForm
from villages.models import Unit

GENERIC = ("Bidang ini tidak boleh kosong.", "This field is required.")


def _errors(form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def _every_message(form) -> list[str]:
    return [message for messages in _errors(form).values() for message in messages]


def test_activity_form_names_each_missing_field(world):
    form = ActivityForm({}, units=Unit.objects.all(), today=timezone.localdate())

    errors = _errors(form)

    assert errors["unit"] == ["Pilih desa binaan."]
    assert errors["date"] == ["Isi tanggal kegiatan."]
    assert errors["kind"] == ["Pilih jenis kegiatan."]
    assert errors["place"] == ["Isi tempat kegiatan."]
    assert errors["participants_male"] == ["Isi jumlah peserta laki-laki; tulis 0 bila tidak ada."]
    assert errors["calon_pmi_reached"] == ["Isi jumlah calon PMI terjangkau; tulis 0 bila tidak ada."]
    assert not set(_every_message(form)) & set(GENERIC)


def test_activity_form_says_it_in_english_too(world):
    with translation.override("en"):
        form = ActivityForm({}, units=Unit.objects.all(), today=timezone.localdate())
        errors = _errors(form)

    assert errors["date"] == ["Enter activity date."]
    assert errors["kind"] == ["Choose activity type."]
    assert errors["place"] == ["Enter where the activity took place."]
    assert errors["participants_male"] == ["Enter the number of male participants; write 0 if there were none."]


def test_the_refused_page_shows_the_words_in_the_summary_and_at_the_field(world, client_for):
    response = client_for("officer_a").post(reverse("reports:activity_create"), {"unit": world.unit_a.pk})

    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("Isi tanggal kegiatan.") == 2  # the summary at the top and the field
    assert html.count("Pilih jenis kegiatan.") == 2
    assert "Bidang ini tidak boleh kosong" not in html


def test_incident_form_names_each_missing_field(world):
    form = IncidentForm({}, units=Unit.objects.all(), today=timezone.localdate())

    errors = _errors(form)

    assert errors["category"] == ["Pilih kategori kejadian."]
    assert errors["urgency"] == ["Pilih tingkat urgensi."]
    assert errors["occurred_on"] == ["Isi tanggal kejadian."]
    assert errors["place"] == ["Isi tempat kejadian."]
    assert errors["description"] == ["Ceritakan apa yang terjadi."]


def test_unit_forms_name_each_missing_field(world):
    region = world.unit_a.region
    proposal = UnitProposalForm({"region": region.code}, offices=world.office_x.__class__.objects.all(), region=region)
    assert _errors(proposal) == {
        "office": ["Pilih kantor pengusul."],
        "target": ["Pilih apa yang diusulkan: wilayahnya atau sebuah sekolah di sana."],
        "reason": ["Pilih alasan desa binaan ini diusulkan."],
    }
    assert _errors(RegionCodeForm({})) == {"region": ["Isi kode wilayah kelurahan/desa."]}
    assert _errors(UnitApproveForm({})) == {
        "decree_number": ["Isi nomor SK penetapan."],
        "decree_date": ["Isi tanggal SK."],
    }
    assert _errors(UnitLaunchForm({})) == {"launch_date": ["Isi tanggal pengukuhan."]}
    edit = UnitEditForm({"reason": ""}, unit=world.unit_a)
    assert _errors(edit)["reason"] == ["Pilih alasan desa binaan ini diusulkan."]
    assert _errors(InvitationForm({"email": "a@example.test", "role": ""})) == {"role": ["Pilih peran."]}


def test_guidance_editor_forms_name_each_missing_field(db):
    article = _errors(ArticleForm({}))
    assert article["topic"] == ["Pilih topik."]
    assert article["title"] == ["Isi judul."]
    assert article["body"] == ["Tulis isi artikel."]
    assert article["last_reviewed"] == ["Isi tanggal terakhir ditinjau."]
    fee = _errors(FeeForm({}))
    assert fee["service"] == ["Isi nama layanan."]
    assert fee["amount"] == ["Isi tarif (rupiah)."]
    assert fee["effective_date"] == ["Isi tanggal mulai berlaku."]
    assert _errors(HotlineForm({}))["name"] == ["Isi nama layanan pengaduan."]
    assert _errors(ChecklistForm({})) == {"situation": ["Pilih situasi Anda."]}


def test_account_forms_name_each_missing_field(world):
    assert _errors(LoginForm(None, {})) == {
        "username": ["Isi nama pengguna atau e-mail."],
        "password": ["Isi kata sandi."],
    }
    change = _errors(PasswordChangeForm(world.user("staff_x"), {}))
    assert change == {
        "old_password": ["Isi sandi lama."],
        "new_password1": ["Isi sandi baru."],
        "new_password2": ["Ulangi sandi baru."],
    }
    assert _errors(SetPasswordForm(world.user("staff_x"), {}))["new_password2"] == ["Ulangi sandi baru."]
    assert _errors(PasswordResetForm({})) == {"email": ["Isi alamat e-mail."]}


def test_the_account_pages_use_the_forms_that_name_each_missing_field(world, client_for):
    client = client_for("staff_x")
    response = client.post(reverse("password_change"), {})
    assert response.status_code == 200
    assert "Isi sandi lama." in response.content.decode()
    response = client.post(reverse("logout"))
    response = client.post(reverse("password_reset"), {})
    assert response.status_code == 200
    assert "Isi alamat e-mail." in response.content.decode()


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Tanggal kegiatan", "tanggal kegiatan"), ("NPSN", "NPSN"), ("SK", "SK"), ("E-mail petugas", "e-mail petugas")],
)
def test_a_label_inside_a_sentence_keeps_an_acronyms_capitals(label, expected):
    assert in_sentence(label) == expected


def test_a_message_of_the_forms_own_is_kept():
    class Form(SaysWhatIsMissing, forms.Form):
        code = forms.CharField(label="Kode", error_messages={"required": "Tulis kodenya."})
        name = forms.CharField(label="Nama")

    assert _errors(Form({})) == {"code": ["Tulis kodenya."], "name": ["Isi nama."]}
