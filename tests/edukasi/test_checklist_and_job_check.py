import pytest
from django.urls import reverse
from django.utils.html import escape

from edukasi.joboffer import NO, QUESTIONS, YES
from tests.edukasi.helpers import make_hotline, make_requirement

pytestmark = pytest.mark.django_db


def _safe_answers() -> dict:
    return {q.key: (NO if q.warning_answer == YES else YES) for q in QUESTIONS}


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
    answers = {q.key: q.warning_answer for q in QUESTIONS}
    response = client.post(reverse("edukasi:job_check"), answers)  # POST is not accepted: nothing is stored
    assert response.status_code == 405

    response = client.get(reverse("edukasi:job_check"), answers)
    assert len(response.context["signs"]) == len(QUESTIONS)
    assert "https://wa.me/628111129129" in response.content.decode()


def test_job_check_with_missing_answers_is_a_400_that_keeps_the_answers(client):
    response = client.get(reverse("edukasi:job_check"), {"recruiter": YES, "pay": "maybe"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jawab pertanyaan ini dengan Ya atau Tidak." in html
    assert 'value="yes" required id="id_recruiter_0" checked' in html or "checked" in html
