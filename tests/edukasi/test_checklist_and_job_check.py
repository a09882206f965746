import pytest
from django.urls import reverse
from django.utils.html import escape

from edukasi.joboffer import NO, QUESTIONS, UNKNOWN, YES, sign_text
from edukasi.seed import load_guidance
from tests.edukasi.helpers import make_hotline, make_requirement

pytestmark = pytest.mark.django_db


def _safe_answers() -> dict:
    return {"sent": "1", **{q.key: (NO if q.warning_answer == YES else YES) for q in QUESTIONS}}


@pytest.mark.parametrize("situation", ["first_adult", "replacement_adult", "child", "calon_pmi"])
def test_checklist_shows_the_documents_of_each_situation(client, situation):
    make_requirement("first_adult", items=("e-KTP", "Kartu Keluarga", "Akta kelahiran"))
    make_requirement("replacement_adult", items=("e-KTP", "Paspor lama"))
    make_requirement("child", items=("e-KTP kedua orang tua", "Akta kelahiran anak", "Buku nikah"))
    make_requirement("calon_pmi", items=("Rekomendasi paspor dari Disnaker",))

    response = client.get(reverse("edukasi:checklist"), {"situation": situation})

    assert response.status_code == 200
    requirement = response.context["requirement"]
    assert requirement.situation == situation
    html = response.content.decode()
    for item in requirement.items.all():
        assert item.text in html


def test_checklist_with_an_unknown_situation_is_a_clear_400(client):
    response = client.get(reverse("edukasi:checklist"), {"situation": "<script>x</script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu situasi" in html
    assert "<script>x</script>" not in html


def test_checklist_in_english_uses_the_english_texts(client):
    make_requirement("child", items=("Akta kelahiran anak",))
    response = client.get(reverse("edukasi:checklist"), {"situation": "child"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Akta kelahiran anak (en)" in response.content.decode()


def test_job_check_with_no_warning_answers_shows_no_sign(client):
    make_hotline()
    response = client.get(reverse("edukasi:job_check"), _safe_answers())
    assert response.status_code == 200
    assert response.context["signs"] == []
    assert "Tidak ada tanda bahaya" in response.content.decode()
    assert "tel:08001000" in response.content.decode()


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.key)
def test_each_warning_answer_shows_its_own_sign(client, question):
    answers = _safe_answers()
    answers[question.key] = question.warning_answer
    response = client.get(reverse("edukasi:job_check"), answers)
    assert response.context["signs"] == [question.sign]
    assert escape(str(question.sign)) in response.content.decode()


def test_job_check_with_every_sign_lists_them_all_and_whom_to_call(client):
    make_hotline("SAPA 129", dial="628111129129", channel="whatsapp", number="08111-129-129")
    answers = {"sent": "1", **{q.key: q.warning_answer for q in QUESTIONS}}
    response = client.post(reverse("edukasi:job_check"), answers)  # POST is not accepted: nothing is stored
    assert response.status_code == 405

    response = client.get(reverse("edukasi:job_check"), answers)
    assert len(response.context["signs"]) == len(QUESTIONS)
    assert "https://wa.me/628111129129" in response.content.decode()


def test_job_check_with_missing_answers_is_a_400_that_keeps_the_answers(client):
    response = client.get(reverse("edukasi:job_check"), {"sent": "1", "recruiter": YES, "pay": "maybe"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih Ya, Tidak, atau Tidak tahu untuk pertanyaan ini." in html
    assert 'value="yes" required id="id_recruiter_0" checked' in html or "checked" in html


def test_every_question_offers_tidak_tahu(client):
    html = client.get(reverse("edukasi:job_check")).content.decode()
    for q in QUESTIONS:
        assert f'name="{q.key}" value="{UNKNOWN}"' in html, q.key
    assert html.count("Tidak tahu") >= len(QUESTIONS)


def test_job_check_with_every_answer_tidak_tahu_advises_checking_each_sign(client):
    make_hotline()
    answers = {"sent": "1", **{q.key: UNKNOWN for q in QUESTIONS}}
    response = client.get(reverse("edukasi:job_check"), answers)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["signs"] == []
    assert response.context["unknowns"] == [q.sign for q in QUESTIONS]
    assert "Periksa dulu sebelum melangkah lebih jauh" in html
    assert "job-result-check" in html
    assert "Tidak ada tanda bahaya" not in html
    for q in QUESTIONS:
        assert escape(q.sign) in html


def test_one_unknown_among_safe_answers_is_still_a_reason_to_check(client):
    answers = _safe_answers()
    answers["contract"] = UNKNOWN
    response = client.get(reverse("edukasi:job_check"), answers)
    assert response.context["unknowns"] == [sign_text("contract")]
    assert "Tidak ada tanda bahaya" not in response.content.decode()


def test_an_empty_submission_is_a_400_that_says_what_to_do(client):
    response = client.get(reverse("edukasi:job_check"), {"sent": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Belum ada jawaban. Pilih Ya, Tidak, atau Tidak tahu untuk setiap pertanyaan" in html
    assert 'role="alert"' in html
    # One message, not eight "required" errors.
    assert "Pilih Ya, Tidak, atau Tidak tahu untuk pertanyaan ini." not in html
    # The form is shown again to be answered.
    assert 'name="recruiter"' in html

    blank = client.get(reverse("edukasi:job_check"))
    assert blank.status_code == 200 and "Belum ada jawaban" not in blank.content.decode()


def test_the_job_check_signs_are_the_warning_signs_of_the_content_in_english_too(client):
    answers = {"sent": "1", **{q.key: q.warning_answer for q in QUESTIONS}}
    response = client.get(reverse("edukasi:job_check"), answers, HTTP_ACCEPT_LANGUAGE="en")
    from edukasi.content.data import WARNING_SIGNS

    assert response.context["signs"] == [s["text_en"] for s in WARNING_SIGNS]


def _section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_the_calon_pmi_checklist_keeps_the_work_visa_out_of_the_passport_list(client):
    load_guidance()
    response = client.get(reverse("edukasi:checklist"), {"situation": "calon_pmi"})
    assert response.status_code == 200
    html = response.content.decode()
    passport = _section(html, 'class="requirement-list"', "</section>")
    assert "dokumen untuk paspor" in passport and "Disnaker" in passport and "e-KTP" in passport
    for later in ("Visa kerja", "Perjanjian kerja", "Perjanjian penempatan", "BPJS"):
        assert later not in passport, later
    before = _section(html, "before-departure", "</section>")
    assert "Sebelum berangkat (bukan syarat paspor)" in before
    for later in ("Visa kerja", "Perjanjian kerja", "Perjanjian penempatan", "BPJS"):
        assert later in before, later
