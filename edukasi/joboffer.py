"""The job-offer check ("Cek tawaran kerja"): yes/no questions and the warning signs they reveal.

The signs are the ones the program warns about (illegal recruitment, trafficking). Nothing is stored.
"""

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise
    # The answer that shows the warning sign.
    warning_answer: str
    sign: Promise


QUESTIONS: tuple[Question, ...] = (
    Question(
        "recruiter",
        _(
            "Apakah yang menawarkan pekerjaan itu perorangan atau akun media sosial, "
            "bukan perusahaan penempatan (P3MI) berizin?"
        ),
        YES,
        _("Perekrut bukan perusahaan penempatan pekerja migran (P3MI) yang berizin."),
    ),
    Question(
        "pay",
        _("Apakah gajinya sangat tinggi padahal hampir tidak ada syarat (keahlian, pengalaman, pelatihan)?"),
        YES,
        _("Gaji sangat tinggi tanpa syarat: umpan yang sering dipakai perekrut ilegal."),
    ),
    Question(
        "visa",
        _('Apakah Anda diminta berangkat dengan visa turis, kunjungan atau umrah, dan izin kerjanya "diurus di sana"?'),
        YES,
        _("Berangkat dengan visa turis, kunjungan atau umrah untuk bekerja adalah jalur tidak resmi."),
    ),
    Question(
        "fees",
        _(
            "Apakah Anda diminta membayar di muka ke rekening pribadi, atau dijanjikan "
            '"semua gratis" lalu dibayar dengan potong gaji?'
        ),
        YES,
        _('Biaya di muka ke rekening pribadi, atau "gratis" yang kemudian menjadi utang.'),
    ),
    Question(
        "contract",
        _("Apakah Anda sudah membaca dan menerima perjanjian kerja tertulis sebelum berangkat?"),
        NO,
        _("Tidak ada perjanjian kerja tertulis sebelum berangkat."),
    ),
    Question(
        "group",
        _("Apakah tawaran itu datang dari grup WhatsApp, Facebook atau media sosial lain?"),
        YES,
        _("Perekrutan lewat grup WhatsApp atau Facebook."),
    ),
    Question(
        "country",
        _('Apakah pekerjaannya "admin" atau "marketing" di Kamboja, Myanmar, Laos atau Thailand?'),
        YES,
        _(
            'Pekerjaan "admin" atau "marketing" di Kamboja, Myanmar, Laos atau Thailand: '
            "bukan negara penempatan, dan bekerja di sana telah dilarang."
        ),
    ),
    Question(
        "route",
        _(
            "Apakah Anda akan diberangkatkan lewat Batam atau Tanjungpinang lalu lewat "
            "darat atau laut ke Malaysia atau Thailand?"
        ),
        YES,
        _("Rute lewat Batam atau Tanjungpinang ke Malaysia atau Thailand, jalur yang sering dipakai penyelundupan."),
    ),
    Question(
        "disnaker",
        _(
            "Apakah Anda sudah terdaftar di Dinas Tenaga Kerja (Disnaker) sebagai calon "
            "pekerja migran untuk pekerjaan ini?"
        ),
        NO,
        _("Belum terdaftar di Disnaker: jalur resmi selalu melalui Disnaker dan rekomendasi paspornya."),
    ),
)


class JobOfferForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.key] = forms.ChoiceField(
                label=q.text,
                choices=[(YES, _("Ya")), (NO, _("Tidak"))],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Jawab pertanyaan ini dengan Ya atau Tidak."),
                    "invalid_choice": _("Jawab pertanyaan ini dengan Ya atau Tidak."),
                },
            )

    def warning_signs(self) -> list[Promise]:
        return [q.sign for q in QUESTIONS if self.cleaned_data.get(q.key) == q.warning_answer]
