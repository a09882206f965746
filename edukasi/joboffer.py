"""The job-offer check ("Cek tawaran kerja"): one question per warning sign, each answered Ya, Tidak or Tidak tahu.

The signs are ``WARNING_SIGNS`` of the seed content, the same wording as the warning-signs article and the unit
poster. A "Tidak tahu" answer is a reason to check before going further, never a pass. Nothing is stored.
"""

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .content.data import WARNING_SIGNS

YES, NO, UNKNOWN = "yes", "no", "unknown"
_SIGN_TEXT = {sign["key"]: sign for sign in WARNING_SIGNS}


def sign_text(key: str, language: str | None = None) -> str:
    """The warning sign ``key`` in the language (the active one by default)."""
    sign = _SIGN_TEXT[key]
    return sign["text_en"] if (language or get_language() or "id").startswith("en") else sign["text"]


def warning_signs(language: str | None = None) -> list[str]:
    """Every warning sign, in order, in the language (the active one by default)."""
    return [sign_text(sign["key"], language) for sign in WARNING_SIGNS]


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise
    # The answer that shows the warning sign.
    warning_answer: str

    @property
    def sign(self) -> str:
        return sign_text(self.key)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "recruiter",
        _(
            "Apakah yang menawarkan pekerjaan itu perorangan atau akun media sosial, "
            "bukan perusahaan penempatan (P3MI) berizin?"
        ),
        YES,
    ),
    Question(
        "pay",
        _("Apakah gajinya sangat tinggi padahal hampir tidak ada syarat (keahlian, pengalaman, pelatihan)?"),
        YES,
    ),
    Question(
        "visa",
        _('Apakah Anda diminta berangkat dengan visa turis, kunjungan atau umrah, dan izin kerjanya "diurus di sana"?'),
        YES,
    ),
    Question(
        "fees",
        _(
            "Apakah Anda diminta membayar di muka ke rekening pribadi, atau dijanjikan "
            '"semua gratis" lalu dibayar dengan potong gaji?'
        ),
        YES,
    ),
    Question(
        "contract",
        _("Apakah Anda sudah membaca dan menerima perjanjian kerja tertulis sebelum berangkat?"),
        NO,
    ),
    Question(
        "group",
        _("Apakah tawaran itu datang dari grup WhatsApp, Facebook atau media sosial lain?"),
        YES,
    ),
    Question(
        "country",
        _('Apakah pekerjaannya "admin" atau "marketing" di Kamboja, Myanmar, Thailand atau Laos?'),
        YES,
    ),
    Question(
        "route",
        _(
            "Apakah Anda akan berangkat dengan kapal feri dari Batam, Tanjungpinang atau Dumai ke Malaysia, "
            "lalu lewat darat ke Thailand atau Myanmar?"
        ),
        YES,
    ),
)

ANSWER_REQUIRED = _("Pilih Ya, Tidak, atau Tidak tahu untuk pertanyaan ini.")


class JobOfferForm(forms.Form):
    # Set by the form's own hidden field: a submission with no answer at all is told what to do, not reloaded.
    sent = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(YES, _("Ya")), (NO, _("Tidak")), (UNKNOWN, _("Tidak tahu"))],
                widget=forms.RadioSelect,
                error_messages={"required": ANSWER_REQUIRED, "invalid_choice": ANSWER_REQUIRED},
            )

    def is_empty_submission(self) -> bool:
        return not any(self.data.get(q.key) for q in QUESTIONS)

    def clean(self):
        cleaned = super().clean()
        if self.is_empty_submission():
            for q in QUESTIONS:  # one message that says what to do, not eight "required"
                self._errors.pop(q.key, None)
            raise forms.ValidationError(
                _(
                    "Belum ada jawaban. Pilih Ya, Tidak, atau Tidak tahu untuk setiap pertanyaan, lalu tekan "
                    "“Lihat hasilnya”."
                ),
                code="empty",
            )
        return cleaned

    def warning_signs(self) -> list[str]:
        return [q.sign for q in QUESTIONS if self.cleaned_data.get(q.key) == q.warning_answer]

    def unknowns(self) -> list[str]:
        """The signs the reader could not rule out: each one is a reason to check before going further."""
        return [q.sign for q in QUESTIONS if self.cleaned_data.get(q.key) == UNKNOWN]
