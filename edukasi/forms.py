import re
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desabinaan.lib.forms import SaysWhatIsMissing

from .models import Article, Fee, Hotline, Language, OfficeFact, PassportKinds, Requirement, Topic
from .rendering import clean_text
from .selectors import SEARCH_MAX_CHARS


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Article) -> str:
        return f"[{obj.language}] {obj.title}"


class NoNulMixin:
    """Strip NUL and other control characters from every text field before validation."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        return cleaned


class ArticleForm(SaysWhatIsMissing, NoNulMixin, forms.Form):
    topic = forms.ModelChoiceField(label=_("Topik"), queryset=Topic.objects.all())
    language = forms.ChoiceField(label=_("Bahasa"), choices=Language.choices)
    slug = forms.SlugField(
        label=_("Slug (alamat halaman)"), max_length=120, help_text=_("Huruf kecil, angka dan tanda minus.")
    )
    title = forms.CharField(label=_("Judul"), max_length=200)
    summary = forms.CharField(
        label=_("Ringkasan"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu atau dua kalimat; tampil di daftar dan pratinjau tautan WhatsApp."),
    )
    body = forms.CharField(
        label=_("Isi (Markdown)"),
        error_messages={"required": _("Tulis isi artikel.")},
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=60_000,
        help_text=_(
            "Kode data: [[fee_table]], [[fee:kode]], [[requirements:situasi]], [[hotlines]], "
            "masing-masing di baris sendiri."
        ),
    )
    sources = forms.CharField(
        label=_("Sumber"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu sumber per baris."),
        error_messages={"required": _("Tulis sumbernya, satu sumber per baris.")},
    )
    last_reviewed = forms.DateField(
        label=_("Terakhir ditinjau"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Isi tanggal terakhir ditinjau.")},
    )
    translation = ArticleChoiceField(
        label=_("Terjemahan"),
        queryset=Article.objects.none(),
        required=False,
        help_text=_("Artikel yang sama dalam bahasa lain."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article: Article | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        qs = Article.objects.exclude(status=Article.Status.ARCHIVED).order_by("language", "title")
        if article is not None:
            qs = qs.exclude(pk=article.pk)
            # Slug and language fix the address and the pair of an article once it exists.
            self.fields["slug"].disabled = True
            self.fields["language"].disabled = True
        cast(forms.ModelChoiceField, self.fields["translation"]).queryset = qs

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self.article is None and Article.objects.filter(slug=slug).exists():
            raise ValidationError(_("Slug ini sudah dipakai artikel lain."))
        return slug

    def clean_last_reviewed(self):
        value = self.cleaned_data["last_reviewed"]
        if value > timezone.localdate():
            raise ValidationError(_("Tanggal tinjauan tidak boleh di masa depan."))
        return value

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("translation")
        language = cleaned.get("language") or (self.article.language if self.article else None)
        if other is not None and other.language == language:
            self.add_error("translation", _("Terjemahan harus berbahasa lain."))
        if not (cleaned.get("title") or "").strip() and "title" in cleaned:
            self.add_error("title", _("Judul tidak boleh kosong."))
        return cleaned


class PublishForm(SaysWhatIsMissing, forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Terbitkan pada (kosongkan untuk sekarang)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        if value is not None and value < timezone.now() - timezone.timedelta(minutes=5):
            raise ValidationError(_("Waktu terbit tidak boleh di masa lalu. Kosongkan untuk terbit sekarang."))
        return value


class ReasonForm(SaysWhatIsMissing, NoNulMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class OptionalReasonForm(ReasonForm):
    reason = forms.CharField(
        label=_("Alasan"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeeForm(SaysWhatIsMissing, NoNulMixin, forms.ModelForm):
    class Meta:
        model = Fee
        fields = [
            "code",
            "service",
            "service_en",
            "validity_years",
            "amount",
            "effective_date",
            "legal_basis",
            "note",
            "note_en",
            "source",
        ]
        widgets = {
            "effective_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
            "note_en": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "code": _("Kode yang sama dengan tarif lama berarti tarif baru untuk layanan itu."),
            "amount": _("Dalam rupiah, tanpa titik. Contoh: 950000."),
        }
        error_messages = {
            "service": {"required": _("Isi nama layanan.")},
            "effective_date": {"required": _("Isi tanggal mulai berlaku.")},
        }

    def validate_unique(self):
        # The service reports a duplicate (code, date) with its own message.
        pass

    def clean(self):
        cleaned = super().clean()
        code, effective = cleaned.get("code"), cleaned.get("effective_date")
        if code and effective and Fee.objects.filter(code=code, effective_date=effective).exists():
            self.add_error("effective_date", _("Tarif untuk layanan ini dengan tanggal berlaku yang sama sudah ada."))
        amount = cleaned.get("amount")
        if amount is not None and amount > 1_000_000_000:
            self.add_error("amount", _("Tarif terlalu besar. Periksa kembali angkanya."))
        return cleaned


class RequirementForm(SaysWhatIsMissing, NoNulMixin, forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["title", "title_en", "legal_basis", "source"]


class RequirementItemForm(SaysWhatIsMissing, NoNulMixin, forms.Form):
    text = forms.CharField(label=_("Dokumen"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Dokumen (Inggris)"), max_length=300, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)
    note_en = forms.CharField(label=_("Catatan (Inggris)"), max_length=300, required=False)
    DELETE = forms.BooleanField(label=_("Hapus"), required=False)


RequirementItemFormSet = forms.formset_factory(RequirementItemForm, extra=2, max_num=60, validate_max=True)


class HotlineForm(SaysWhatIsMissing, NoNulMixin, forms.ModelForm):
    class Meta:
        model = Hotline
        fields = [
            "name",
            "name_en",
            "number",
            "dial",
            "channel",
            "hours",
            "hours_en",
            "note",
            "note_en",
            "source",
            "order",
            "is_active",
        ]
        help_texts = {
            "dial": _(
                "Telepon: angka saja (08001000). WhatsApp: format internasional tanpa + (628111129129). "
                "Situs web: alamat lengkap https://."
            )
        }
        error_messages = {
            "name": {"required": _("Isi nama layanan pengaduan.")},
            "number": {"required": _("Isi nomor seperti yang ditampilkan kepada warga.")},
        }

    def validate_unique(self):
        pass

    def clean(self):
        cleaned = super().clean()
        channel, dial = cleaned.get("channel"), (cleaned.get("dial") or "").strip()
        if channel == Hotline.Channel.WEB:
            if not dial.startswith("https://") and not dial.startswith("http://"):
                self.add_error("dial", _("Alamat situs harus diawali https:// atau http://."))
        elif channel and dial and not dial.lstrip("+").isdigit():
            self.add_error("dial", _("Nomor untuk tautan hanya boleh berisi angka."))
        elif channel == Hotline.Channel.WHATSAPP and dial.startswith("0"):
            self.add_error("dial", _("Nomor WhatsApp ditulis dalam format internasional, misalnya 628111129129."))
        if channel and dial:
            cleaned["dial"] = dial.lstrip("+") if channel == Hotline.Channel.WHATSAPP else dial
            clash = Hotline.objects.filter(channel=channel, dial=cleaned["dial"])
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("dial", _("Nomor ini sudah terdaftar untuk saluran yang sama."))
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Cari panduan"), required=False, strip=True)

    def query(self) -> str:
        if not self.is_valid():
            return ""
        return clean_text(self.cleaned_data.get("q") or "")[:SEARCH_MAX_CHARS]


class ChecklistForm(SaysWhatIsMissing, forms.Form):
    situation = forms.ChoiceField(
        label=_("Situasi Anda"),
        choices=Requirement.Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih salah satu situasi yang tersedia.")},
    )


class DirectoryFilterForm(forms.Form):
    """Filters of the public directory; choices come from the regions that have active units."""

    q = forms.CharField(label=_("Cari nama"), max_length=100, required=False)
    kota = forms.ChoiceField(
        label=_("Kabupaten/kota"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Pilih kabupaten/kota dari daftar.")},
    )
    kecamatan = forms.ChoiceField(
        label=_("Kecamatan"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Pilih kecamatan dari daftar.")},
    )

    def __init__(self, *args, cities=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kota"].choices = [("", _("Semua kabupaten/kota")), *cities]
        self.fields["kecamatan"].choices = [("", _("Semua kecamatan")), *districts]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()


# --- Office facts --------------------------------------------------------------------------------

# Indonesian numbers as people write them: 021-4353333, (021) 43 53 333, +62 21 4353333, 0812-3456-7890.
_PHONE_SEPARATORS = re.compile(r"[\s().\-/]")
_PHONE_DIGITS = re.compile(r"^(?:\+62|62|0)([1-9]\d{6,11})$")
# Two-digit area codes (Jakarta, Bandung, Semarang, Surabaya, Medan); every other landline code has three.
_TWO_DIGIT_AREAS = ("21", "22", "24", "31", "61")


def normalize_phone(raw: str) -> str:
    """An Indonesian telephone number in one written form: ``(021) 4353333`` or ``0812-3456-7890``.

    Raises ``ValidationError`` with an Indonesian message for anything else.
    """
    compact = _PHONE_SEPARATORS.sub("", raw or "")
    match = _PHONE_DIGITS.match(compact)
    if not match:
        raise ValidationError(
            _(
                "Nomor telepon tidak dikenali. Tulis seperti 021-4353333, (021) 4353333, +62 21 4353333 "
                "atau 0812-3456-7890."
            ),
            code="phone",
        )
    national = match.group(1)
    if national.startswith("8"):
        if not 9 <= len(national) <= 12:
            raise ValidationError(_("Nomor ponsel terlalu pendek atau terlalu panjang."), code="phone")
        digits = "0" + national
        return "-".join([digits[:4], digits[4:8], digits[8:]]).rstrip("-")
    area_length = 2 if national[:2] in _TWO_DIGIT_AREAS else 3
    area, local = national[:area_length], national[area_length:]
    if not 5 <= len(local) <= 8:
        raise ValidationError(_("Nomor telepon kantor terlalu pendek atau terlalu panjang."), code="phone")
    return f"(0{area}) {local}"


class OfficeFactForm(SaysWhatIsMissing, NoNulMixin, forms.Form):
    """One proposed fact of an office; the value is checked and normalised for its kind."""

    kind = forms.ChoiceField(
        label=_("Jenis data"),
        choices=OfficeFact.Kind.choices,
        error_messages={"invalid_choice": _("Pilih jenis data dari daftar.")},
    )
    value = forms.CharField(
        label=_("Isi"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Jenis paspor: tulis “elektronik” (hanya paspor elektronik) atau “keduanya”. "
            "Telepon/WhatsApp: misalnya 021-4353333 atau 0812-3456-7890. Situs web: alamat lengkap https://."
        ),
        error_messages={"required": _("Isi data kantornya."), "max_length": _("Isi paling banyak 500 karakter.")},
    )
    value_en = forms.CharField(label=_("Isi (Inggris)"), max_length=500, required=False)
    effective_date = forms.DateField(
        label=_("Berlaku sejak"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Isi tanggal mulai berlaku."), "invalid": _("Tulis tanggal yang benar.")},
    )
    source = forms.CharField(
        label=_("Sumber"),
        max_length=300,
        help_text=_("Dari mana data ini: situs kantor, siaran pers, surat edaran, beserta tanggalnya."),
        error_messages={"required": _("Tulis sumber data ini."), "max_length": _("Sumber paling banyak 300 karakter.")},
    )
    source_url = forms.URLField(
        label=_("Alamat sumber (URL)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Alamat sumber harus berupa alamat situs yang lengkap (https://...).")},
    )
    note = forms.CharField(label=_("Catatan untuk peninjau"), max_length=300, required=False)

    PASSPORT_WORDS = {
        "elektronik": PassportKinds.ELECTRONIC_ONLY,
        "hanya elektronik": PassportKinds.ELECTRONIC_ONLY,
        PassportKinds.ELECTRONIC_ONLY.value: PassportKinds.ELECTRONIC_ONLY,
        "keduanya": PassportKinds.ELECTRONIC_AND_NON,
        PassportKinds.ELECTRONIC_AND_NON.value: PassportKinds.ELECTRONIC_AND_NON,
    }

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value > timezone.localdate():
            raise ValidationError(_("Tanggal berlaku tidak boleh di masa depan."))
        return value

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        if url and not url.startswith(("https://", "http://")):
            raise ValidationError(_("Alamat sumber harus berupa alamat situs yang lengkap (https://...)."))
        return url

    def clean(self):
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if not kind or not value:
            return cleaned
        try:
            cleaned["value"] = self._value_for(kind, value)
        except ValidationError as error:
            self.add_error("value", error)
        return cleaned

    def _value_for(self, kind: str, value: str) -> str:
        if kind in (OfficeFact.Kind.PHONE, OfficeFact.Kind.WHATSAPP):
            return normalize_phone(value)
        if kind == OfficeFact.Kind.PASSPORT_KINDS:
            chosen = self.PASSPORT_WORDS.get(" ".join(value.lower().split()))
            if chosen is None:
                raise ValidationError(
                    _("Untuk jenis paspor tulis “elektronik” (hanya paspor elektronik) atau “keduanya”.")
                )
            return chosen.value
        if kind == OfficeFact.Kind.WEBSITE:
            if not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$", value, re.IGNORECASE):
                raise ValidationError(_("Tulis alamat situs kantor yang lengkap, diawali https://."))
            return value
        return value


class OfficeFactRejectForm(SaysWhatIsMissing, NoNulMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), max_length=300, error_messages={"required": _("Tulis alasan penolakan.")}
    )


class OfficeFactPublishForm(NoNulMixin, forms.Form):
    note = forms.CharField(label=_("Catatan peninjauan"), max_length=300, required=False)
