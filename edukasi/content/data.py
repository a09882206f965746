"""Structured facts for the public guidance: topics, fees, document requirements and hotlines.

Plain data, no project imports. Every entry names its source. Fees keep their history: rows with the
same ``code`` are the same service, and the row with the newest ``effective_date`` not in the future
applies. Amounts are whole rupiah.
"""

TOPICS = [
    {
        "slug": "paspor",
        "name": "Paspor",
        "name_en": "Passports",
        "description": "Cara membuat dan mengganti paspor, dokumen yang perlu disiapkan, biaya dan masa berlaku.",
        "description_en": "How to get or replace a passport, the documents to prepare, fees and validity.",
        "order": 1,
    },
    {
        "slug": "bekerja-aman",
        "name": "Bekerja ke luar negeri dengan aman",
        "name_en": "Working abroad safely",
        "description": (
            "Jalur resmi menjadi pekerja migran, tanda bahaya tawaran kerja yang tidak resmi, dan bantuan bagi "
            "yang sudah di luar negeri."
        ),
        "description_en": (
            "The legal path to work abroad as a migrant worker, the warning signs of illegal offers, and help for "
            "those already abroad."
        ),
        "order": 2,
    },
    {
        "slug": "tppo",
        "name": "Perdagangan orang (TPPO)",
        "name_en": "Human trafficking",
        "description": "Mengenali tindak pidana perdagangan orang, hukumannya, dan ke mana meminta pertolongan.",
        "description_en": "Recognising human trafficking, its penalties, and where to get help.",
        "order": 3,
    },
    {
        "slug": "orang-asing",
        "name": "Orang asing",
        "name_en": "Foreigners",
        "description": "Cara melaporkan orang asing yang mencurigakan di lingkungan Anda.",
        "description_en": "How to report a suspicious foreigner in your neighbourhood.",
        "order": 4,
    },
    {
        "slug": "program",
        "name": "Program Desa Binaan Imigrasi",
        "name_en": "The Desa Binaan Imigrasi programme",
        "description": "Apa itu Desa Binaan Imigrasi, siapa PIMPASA, dan apa yang dilakukan bersama warga desa.",
        "description_en": "What Desa Binaan Imigrasi is, who PIMPASA officers are, and what they do with villagers.",
        "order": 5,
    },
]

# PP 45/2024 is in force since 17 December 2024 (facts.md: Kanim Pati; murianews.com 2024-12-18).
_PP45_DATE = "2024-12-17"
_PP45_BASIS = "PP 45/2024"
_PP45_SOURCE = "PP 45/2024 (Kantor Imigrasi Pati; murianews.com 2024-12-18; Ditjen Imigrasi via abnnews.id)"
# No note repeated on every row: the date column already says since when a fee applies.
_PP45_NOTE = ""
_PP45_NOTE_EN = ""

# The fees before PP 45/2024 were set by PP 28/2019 and applied until 16 December 2024 (facts.md). Our sources
# do not give the day they started to apply, and no page may show one: the date below only orders the history
# (it is the day before PP 45/2024; the fee page shows these rows as "berlaku s.d. 16 Desember 2024").
_OLD_DATE = "2024-12-16"
_OLD_BASIS = "PP 28/2019"
_OLD_SOURCE = "PP 28/2019, digantikan PP 45/2024 (murianews.com 2024-12-18; Kantor Imigrasi Pati)"
_OLD_NOTE = "Berlaku s.d. 16 Desember 2024 (PP 28/2019)."
_OLD_NOTE_EN = "In force until 16 December 2024 (PP 28/2019)."

FEES = [
    # Current fees (PP 45/2024).
    {
        "code": "paspor-non-elektronik-5",
        "service": "Paspor non-elektronik masa berlaku 5 tahun",
        "service_en": "Non-electronic passport, 5-year validity",
        "validity_years": 5,
        "amount": 350000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": _PP45_NOTE,
        "note_en": _PP45_NOTE_EN,
        "source": _PP45_SOURCE,
    },
    {
        "code": "paspor-non-elektronik-10",
        "service": "Paspor non-elektronik masa berlaku 10 tahun",
        "service_en": "Non-electronic passport, 10-year validity",
        "validity_years": 10,
        "amount": 650000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": _PP45_NOTE,
        "note_en": _PP45_NOTE_EN,
        "source": _PP45_SOURCE,
    },
    {
        "code": "paspor-elektronik-5",
        "service": "Paspor elektronik masa berlaku 5 tahun",
        "service_en": "Electronic passport, 5-year validity",
        "validity_years": 5,
        "amount": 650000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": _PP45_NOTE,
        "note_en": _PP45_NOTE_EN,
        "source": _PP45_SOURCE,
    },
    {
        "code": "paspor-elektronik-10",
        "service": "Paspor elektronik masa berlaku 10 tahun",
        "service_en": "Electronic passport, 10-year validity",
        "validity_years": 10,
        "amount": 950000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": _PP45_NOTE,
        "note_en": _PP45_NOTE_EN,
        "source": _PP45_SOURCE,
    },
    {
        "code": "layanan-percepatan",
        "service": "Layanan percepatan paspor (selesai di hari yang sama)",
        "service_en": "Same-day passport service",
        "validity_years": None,
        "amount": 1000000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": "Dibayar sebagai tambahan di atas biaya paspor.",
        "note_en": "Paid on top of the passport fee.",
        "source": _PP45_SOURCE,
    },
    {
        "code": "tambahan-hilang",
        "service": "Tambahan biaya penggantian paspor yang hilang",
        "service_en": "Extra charge to replace a lost passport",
        "validity_years": None,
        "amount": 1000000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": (
            "Dibayar di atas biaya paspor baru. Tidak dipungut (gratis) jika paspor hilang karena bencana, "
            "dengan surat keterangan dari kelurahan."
        ),
        "note_en": (
            "Paid on top of the new passport's fee. Not charged (free) if the passport was lost in a disaster, "
            "with a letter from the kelurahan (village office)."
        ),
        "source": _PP45_SOURCE,
    },
    {
        "code": "tambahan-rusak",
        "service": "Tambahan biaya penggantian paspor yang rusak",
        "service_en": "Extra charge to replace a damaged passport",
        "validity_years": None,
        "amount": 500000,
        "effective_date": _PP45_DATE,
        "legal_basis": _PP45_BASIS,
        "note": (
            "Dibayar di atas biaya paspor baru. Tidak dipungut (gratis) jika paspor rusak karena bencana, "
            "dengan surat keterangan dari kelurahan."
        ),
        "note_en": (
            "Paid on top of the new passport's fee. Not charged (free) if the passport was damaged in a "
            "disaster, with a letter from the kelurahan (village office)."
        ),
        "source": _PP45_SOURCE,
    },
    # History: the fees before PP 45/2024 (one amount for non-electronic, one for electronic passports).
    {
        "code": "paspor-non-elektronik-5",
        "service": "Paspor non-elektronik masa berlaku 5 tahun",
        "service_en": "Non-electronic passport, 5-year validity",
        "validity_years": 5,
        "amount": 350000,
        "effective_date": _OLD_DATE,
        "legal_basis": _OLD_BASIS,
        "note": _OLD_NOTE,
        "note_en": _OLD_NOTE_EN,
        "source": _OLD_SOURCE,
    },
    {
        "code": "paspor-non-elektronik-10",
        "service": "Paspor non-elektronik masa berlaku 10 tahun",
        "service_en": "Non-electronic passport, 10-year validity",
        "validity_years": 10,
        "amount": 350000,
        "effective_date": _OLD_DATE,
        "legal_basis": _OLD_BASIS,
        "note": _OLD_NOTE,
        "note_en": _OLD_NOTE_EN,
        "source": _OLD_SOURCE,
    },
    {
        "code": "paspor-elektronik-5",
        "service": "Paspor elektronik masa berlaku 5 tahun",
        "service_en": "Electronic passport, 5-year validity",
        "validity_years": 5,
        "amount": 650000,
        "effective_date": _OLD_DATE,
        "legal_basis": _OLD_BASIS,
        "note": _OLD_NOTE,
        "note_en": _OLD_NOTE_EN,
        "source": _OLD_SOURCE,
    },
    {
        "code": "paspor-elektronik-10",
        "service": "Paspor elektronik masa berlaku 10 tahun",
        "service_en": "Electronic passport, 10-year validity",
        "validity_years": 10,
        "amount": 650000,
        "effective_date": _OLD_DATE,
        "legal_basis": _OLD_BASIS,
        "note": _OLD_NOTE,
        "note_en": _OLD_NOTE_EN,
        "source": _OLD_SOURCE,
    },
]


_ASK_OFFICE = "Jika ragu, tanyakan ke Kantor Imigrasi."
_ASK_OFFICE_EN = "If in doubt, ask the immigration office."
_AFTER_2009 = "Tidak perlu jika paspor lama diterbitkan di Indonesia setelah 2009 dan datanya sama dengan e-KTP. "
_AFTER_2009_EN = "Not needed if the old passport was issued in Indonesia after 2009 and its data match the e-KTP. "

REQUIREMENTS = [
    {
        "situation": "first_adult",
        "title": "Paspor pertama untuk orang dewasa",
        "title_en": "First passport for an adult",
        "legal_basis": "Permenkumham 18/2022, pasal 4",
        "source": "Permenkumham 18/2022, pasal 4",
        "items": [
            {"text": "e-KTP", "text_en": "Electronic identity card (e-KTP)", "note": "", "note_en": ""},
            {"text": "Kartu Keluarga (KK)", "text_en": "Family card (Kartu Keluarga, KK)", "note": "", "note_en": ""},
            {
                "text": "Salah satu dari: akta kelahiran, akta atau buku nikah, ijazah, atau surat baptis",
                "text_en": (
                    "One of: birth certificate, marriage certificate or marriage book, school diploma (ijazah), "
                    "or baptism letter"
                ),
                "note": "Cukup satu dokumen.",
                "note_en": "One document is enough.",
            },
            {
                "text": "Surat keterangan pewarganegaraan",
                "text_en": "Naturalisation letter",
                "note": "Hanya jika Anda menjadi WNI melalui pewarganegaraan.",
                "note_en": "Only if you became a citizen by naturalisation.",
            },
            {
                "text": "Penetapan ganti nama",
                "text_en": "Name-change decree",
                "note": "Hanya jika nama Anda pernah berganti.",
                "note_en": "Only if your name has changed.",
            },
        ],
    },
    {
        "situation": "replacement_adult",
        "title": "Penggantian paspor dewasa yang habis masa berlakunya (sering disebut perpanjangan)",
        "title_en": "Replacing an adult's expired passport (often called renewal)",
        "legal_basis": "Permenkumham 18/2022",
        "source": "news.detik.com d-3693081; Kantor Imigrasi Jakarta Pusat (jakartapusat.imigrasi.go.id)",
        "items": [
            {"text": "e-KTP", "text_en": "Electronic identity card (e-KTP)", "note": "", "note_en": ""},
            {
                "text": "Paspor lama",
                "text_en": "The old passport",
                "note": (
                    "Daftar ini hanya untuk paspor yang habis atau hampir habis masa berlakunya. Paspor hilang, "
                    "rusak, ganti data, atau terbit di luar negeri: bawa dokumen lengkap seperti paspor pertama."
                ),
                "note_en": (
                    "This list is only for a passport that has expired or is about to. A lost, damaged, "
                    "data-change or foreign-issued passport needs the full set, as for a first passport."
                ),
            },
            {
                "text": "Kartu Keluarga (KK)",
                "text_en": "Family card (Kartu Keluarga, KK)",
                "note": _AFTER_2009 + _ASK_OFFICE,
                "note_en": _AFTER_2009_EN + _ASK_OFFICE_EN,
            },
            {
                "text": "Akta kelahiran atau ijazah",
                "text_en": "Birth certificate or school diploma (ijazah)",
                "note": _AFTER_2009 + _ASK_OFFICE,
                "note_en": _AFTER_2009_EN + _ASK_OFFICE_EN,
            },
        ],
    },
    {
        "situation": "child",
        "title": "Paspor anak (di bawah 17 tahun)",
        "title_en": "Passport for a child (under 17)",
        "legal_basis": "Permenkumham 18/2022",
        "source": "Kantor Imigrasi Jakarta Pusat (jakartapusat.imigrasi.go.id); Kantor Imigrasi Surabaya "
        "(surabaya.imigrasi.go.id)",
        "items": [
            {"text": "e-KTP ayah dan ibu", "text_en": "Both parents' e-KTP", "note": "", "note_en": ""},
            {"text": "Kartu Keluarga (KK)", "text_en": "Family card (Kartu Keluarga, KK)", "note": "", "note_en": ""},
            {"text": "Akta kelahiran anak", "text_en": "The child's birth certificate", "note": "", "note_en": ""},
            {
                "text": "Akta atau buku nikah orang tua",
                "text_en": "The parents' marriage certificate or marriage book",
                "note": "",
                "note_en": "",
            },
            {
                "text": "Paspor ayah dan ibu",
                "text_en": "Both parents' passports",
                "note": "Jika orang tua memiliki paspor.",
                "note_en": "If the parents have passports.",
            },
            {
                "text": "Paspor lama anak",
                "text_en": "The child's old passport",
                "note": "Jika mengganti paspor anak.",
                "note_en": "When replacing a child's passport.",
            },
            {
                "text": "Kedua orang tua datang bersama anak ke Kantor Imigrasi",
                "text_en": "Both parents come with the child to the immigration office",
                "note": "",
                "note_en": "",
            },
            {
                "text": "Surat kuasa dari orang tua yang tidak dapat datang",
                "text_en": "A power of attorney from a parent who cannot come",
                "note": "Hanya jika salah satu orang tua tidak dapat hadir.",
                "note_en": "Only if one parent cannot attend.",
            },
            {
                "text": "Akta cerai dan putusan hak asuh anak",
                "text_en": "The divorce deed and the custody ruling",
                "note": "Hanya jika orang tua bercerai.",
                "note_en": "Only if the parents are divorced.",
            },
        ],
    },
    {
        "situation": "calon_pmi",
        "title": "Calon pekerja migran (calon PMI): dokumen untuk paspor",
        "title_en": "Prospective migrant worker (calon PMI): documents for the passport",
        "legal_basis": "Permenkumham 18/2022, pasal 4; UU 18/2017",
        "source": "Permenkumham 18/2022 pasal 4; rekomendasi Disnaker: sippn.menpan.go.id 8069698 dan 8135248; "
        "PP 45/2024 pasal 5(1): republika.co.id, tirto.id",
        "items": [
            {"text": "e-KTP", "text_en": "Electronic identity card (e-KTP)", "note": "", "note_en": ""},
            {"text": "Kartu Keluarga (KK)", "text_en": "Family card (Kartu Keluarga, KK)", "note": "", "note_en": ""},
            {
                "text": "Salah satu dari: akta kelahiran, akta atau buku nikah, ijazah, atau surat baptis",
                "text_en": (
                    "One of: birth certificate, marriage certificate or marriage book, school diploma (ijazah), "
                    "or baptism letter"
                ),
                "note": "Cukup satu dokumen.",
                "note_en": "One document is enough.",
            },
            {
                "text": "Surat rekomendasi paspor dari Dinas Tenaga Kerja (Disnaker)",
                "text_en": "Passport recommendation letter from the local manpower office (Disnaker)",
                "note": (
                    "Gratis; ajukan paspor di provinsi tempat tinggal Anda. Laporan bahwa syarat ini dihapus (SE "
                    "IMI-GR.01.01-0252, 2023) belum pasti. Paspor pertama calon PMI disebut tanpa biaya (PP 45/2024 "
                    "pasal 5(1)), belum pasti: tanyakan ke Kantor Imigrasi sebelum membayar."
                ),
                "note_en": (
                    "Free; apply in your province of residence. Reports that it was dropped (SE IMI-GR.01.01-0252, "
                    "2023) are not certain. A calon PMI's first passport is reported free (PP 45/2024 art. 5(1)), "
                    "not certain: ask the immigration office before paying."
                ),
            },
            {
                "text": "Surat keterangan pewarganegaraan atau penetapan ganti nama",
                "text_en": "Naturalisation letter or name-change decree",
                "note": "Hanya jika Anda menjadi WNI melalui pewarganegaraan atau nama Anda pernah berganti.",
                "note_en": "Only if you became a citizen by naturalisation or your name has changed.",
            },
        ],
    },
]

# What a calon PMI arranges through the Disnaker and the placement company, before departure (UU 18/2017
# art. 13). Never a list of things to bring to the passport office (facts.md): shown apart from the passport list.
CALON_PMI_BEFORE_DEPARTURE = {
    "title": "Sebelum berangkat (bukan syarat paspor)",
    "title_en": "Before departure (not for the passport)",
    "intro": (
        "Dokumen ini diurus lewat Disnaker dan perusahaan penempatan, sebagian setelah paspor terbit. Jangan "
        "membawanya sebagai syarat ke Kantor Imigrasi."
    ),
    "intro_en": (
        "These are arranged through the Disnaker and the placement company, some after the passport is issued. "
        "They are not what you bring to the immigration office."
    ),
    "legal_basis": "UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia, pasal 13",
    "items": [
        {"text": "Surat keterangan status perkawinan", "text_en": "Letter stating your marital status"},
        {
            "text": "Surat izin dari suami/istri, orang tua, atau wali yang diketahui kepala desa atau lurah",
            "text_en": "Permission from your spouse, parent or guardian, acknowledged by the village head or lurah",
        },
        {"text": "Sertifikat kompetensi kerja", "text_en": "Work competency certificate"},
        {"text": "Surat keterangan sehat dan psikologi", "text_en": "Health and psychology certificate"},
        {
            "text": "Kepesertaan BPJS Ketenagakerjaan",
            "text_en": "Membership of BPJS Ketenagakerjaan (workers' social security)",
        },
        {
            "text": "Perjanjian penempatan dengan perusahaan penempatan berizin (P3MI)",
            "text_en": "Placement agreement with a licensed placement company (P3MI)",
        },
        {"text": "Visa kerja", "text_en": "Work visa"},
        {"text": "Perjanjian kerja", "text_en": "Work contract"},
    ],
}

# The legal placement routes (UU 18/2017 art. 49 and 63).
PLACEMENT_ROUTES = [
    {
        "text": "Antarpemerintah (G-to-G) melalui KP2MI",
        "text_en": "Government to government (G-to-G) through KP2MI",
    },
    {
        "text": "Perusahaan penempatan pekerja migran (P3MI) yang berizin",
        "text_en": "A licensed placement company (P3MI)",
    },
    {
        "text": "Perusahaan yang menempatkan pekerjanya sendiri",
        "text_en": "A company placing its own staff",
    },
    {
        "text": "Pekerja mandiri (perseorangan) yang terdaftar di Disnaker",
        "text_en": "An independent (perseorangan) worker registered with the Disnaker",
    },
]
PLACEMENT_ROUTES_BASIS = "UU 18/2017, pasal 49 dan 63"

# The warning signs of illegal recruitment: ONE wording, used by the article (the [[warning_signs]] shortcode),
# the job-offer check (edukasi/joboffer.py, one question per sign, same key) and the unit poster.
WARNING_SIGNS = [
    {
        "key": "recruiter",
        "text": "Perekrutnya perorangan atau akun media sosial, bukan perusahaan penempatan (P3MI) berizin.",
        "text_en": "The recruiter is a person or a social-media account, not a licensed placement company (P3MI).",
    },
    {
        "key": "pay",
        "text": "Gaji sangat tinggi tanpa syarat apa pun.",
        "text_en": "Very high pay with no requirements.",
    },
    {
        "key": "visa",
        "text": "Berangkat dengan visa turis, kunjungan atau umrah, dan izin kerjanya \u201cdiurus di sana\u201d.",
        "text_en": "Leaving on a tourist, visit or umrah visa, with the work permit \u201cto be fixed there\u201d.",
    },
    {
        "key": "fees",
        "text": "Biaya dibayar di muka ke rekening pribadi, atau \u201csemua gratis\u201d lalu ditagih sebagai utang.",
        "text_en": (
            "Fees paid up front to a personal account, or \u201ceverything is free\u201d and repaid later as debt."
        ),
    },
    {
        "key": "contract",
        "text": "Tidak ada perjanjian kerja tertulis.",
        "text_en": "No written work contract.",
    },
    {
        "key": "group",
        "text": "Perekrutan lewat grup WhatsApp atau Facebook.",
        "text_en": "Recruitment in WhatsApp or Facebook groups.",
    },
    {
        "key": "country",
        "text": (
            "Pekerjaan \u201cadmin\u201d atau \u201cmarketing\u201d di Kamboja, Myanmar, Thailand atau Laos: tidak ada "
            "perjanjian penempatan untuk itu, dan Laos dikenal sebagai tujuan penipuan daring."
        ),
        "text_en": (
            "\u201cAdmin\u201d or \u201cmarketing\u201d jobs in Cambodia, Myanmar, Thailand or Laos: there is no "
            "placement agreement for them, and Laos is a known online-scam destination."
        ),
    },
    {
        "key": "route",
        "text": (
            "Berangkat dengan kapal feri dari Batam, Tanjungpinang atau Dumai ke Malaysia, sering lewat pelabuhan "
            "resmi, lalu lewat darat ke Thailand atau Myanmar."
        ),
        "text_en": (
            "Leaving by ferry from Batam, Tanjungpinang or Dumai to Malaysia, often through official ports, then "
            "overland to Thailand or Myanmar."
        ),
    },
]
WARNING_SIGNS_SOURCE = "liputan6.com 5996039; Kemlu 2022; kompas.com 2022-12-20; batampos.co.id 425217"

# The day the hotlines below were last checked against their sources (shown on the hotline page).
HOTLINES_CHECKED = "2026-11-29"

HOTLINES = [
    {
        "name": "Pusat panggilan KP2MI (yang membawahi BP2MI)",
        "name_en": "KP2MI call centre (the ministry over BP2MI)",
        "number": "0800-1000",
        "dial": "08001000",
        "channel": "phone",
        "hours": "24 jam",
        "hours_en": "24 hours",
        "note": "Bebas pulsa. Dahulu dikenal sebagai Halo TKI. Untuk pekerja migran yang terdaftar.",
        "note_en": "Free call. Formerly known as Halo TKI. For registered migrant workers.",
        "source": "KP2MI; mediamasakini.id, April 2025; Perpres 165/2024 dan 166/2024",
        "order": 1,
    },
    {
        "name": "KP2MI lewat WhatsApp",
        "name_en": "KP2MI on WhatsApp",
        "number": "0811-8080-141",
        "dial": "628118080141",
        "channel": "whatsapp",
        "hours": "",
        "hours_en": "",
        "note": "",
        "note_en": "",
        "source": "KP2MI; mediamasakini.id, April 2025",
        "order": 2,
    },
    {
        "name": "Pusat panggilan Kementerian Ketenagakerjaan (Kemnaker)",
        "name_en": "Ministry of Manpower (Kemnaker) call centre",
        "number": "1500630",
        "dial": "1500630",
        "channel": "phone",
        "hours": "",
        "hours_en": "",
        "note": "",
        "note_en": "",
        "source": "Kementerian Ketenagakerjaan",
        "order": 3,
    },
    {
        "name": "SAPA 129 (kekerasan terhadap perempuan dan anak, termasuk TPPO)",
        "name_en": "SAPA 129 (violence against women and children, including trafficking)",
        "number": "129",
        "dial": "129",
        "channel": "phone",
        "hours": "",
        "hours_en": "",
        "note": "",
        "note_en": "",
        "source": "Layanan SAPA 129",
        "order": 4,
    },
    {
        "name": "SAPA 129 lewat WhatsApp",
        "name_en": "SAPA 129 on WhatsApp",
        "number": "08111-129-129",
        "dial": "628111129129",
        "channel": "whatsapp",
        "hours": "",
        "hours_en": "",
        "note": "",
        "note_en": "",
        "source": "Layanan SAPA 129",
        "order": 5,
    },
    {
        "name": "Polisi (panggilan darurat)",
        "name_en": "Police emergency",
        "number": "110",
        "dial": "110",
        "channel": "phone",
        "hours": "24 jam",
        "hours_en": "24 hours",
        "note": (
            "Bebas pulsa. Polres Metro Jakarta Utara memiliki unit perempuan, anak, dan perdagangan orang sejak "
            "Januari 2026."
        ),
        "note_en": (
            "Free call. The Polres Metro Jakarta Utara police has had a unit for women, children and trafficking "
            "since January 2026."
        ),
        "source": "Kepolisian Negara Republik Indonesia (Polri)",
        "order": 6,
    },
    {
        "name": "Lapor orang asing mencurigakan ke Imigrasi",
        "name_en": "Report a suspicious foreigner to immigration",
        "number": "+62 813-9967-9966",
        "dial": "6281399679966",
        "channel": "whatsapp",
        "hours": "Senin–Jumat, 08.00–16.00 WIB",
        "hours_en": "Monday to Friday, 08.00–16.00 WIB",
        "note": (
            "Nomor ini tercatat per April 2024; belum dipastikan masih aktif. Jika tidak dijawab, hubungi Kantor "
            "Imigrasi terdekat."
        ),
        "note_en": (
            "This number is on record as of April 2024; whether it is still active is not confirmed. If it does "
            "not answer, contact your nearest immigration office."
        ),
        "source": "Direktorat Jenderal Imigrasi (per April 2024)",
        "order": 7,
    },
    {
        "name": "SP4N-LAPOR! (pengaduan pelayanan publik)",
        "name_en": "SP4N-LAPOR! (public-service complaints)",
        "number": "lapor.go.id",
        "dial": "https://lapor.go.id",
        "channel": "web",
        "hours": "",
        "hours_en": "",
        "note": "Untuk mengadukan pelayanan publik, termasuk layanan paspor. Juga lewat SMS ke 1708.",
        "note_en": "To complain about a public service, including passport services. Also by SMS to 1708.",
        "source": "SP4N-LAPOR! (lapor.go.id)",
        "order": 8,
    },
    {
        "name": "KP2MI dari luar negeri",
        "name_en": "KP2MI from abroad",
        "number": "+62 21 29244800",
        "dial": "+622129244800",
        "channel": "phone",
        "hours": "",
        "hours_en": "",
        "note": "Untuk menelepon dari luar negeri; tidak bebas pulsa.",
        "note_en": "For calls from outside Indonesia; not free.",
        "source": "KP2MI; mediamasakini.id, April 2025",
        "order": 9,
    },
    {
        "name": "Portal Peduli WNI (Kementerian Luar Negeri)",
        "name_en": "Peduli WNI portal (Ministry of Foreign Affairs)",
        "number": "peduliwni.kemlu.go.id",
        "dial": "https://peduliwni.kemlu.go.id",
        "channel": "web",
        "hours": "",
        "hours_en": "",
        "note": (
            "Bagi WNI yang sedang di luar negeri: hubungi KBRI/KJRI terdekat lebih dulu. Pasang juga aplikasi Safe "
            "Travel (ada tombol darurat)."
        ),
        "note_en": (
            "For Indonesians already abroad: contact the nearest embassy or consulate (KBRI/KJRI) first. Also "
            "install the Safe Travel app (it has a panic button)."
        ),
        "source": "Kementerian Luar Negeri (Kemlu), peduliwni.kemlu.go.id",
        "order": 10,
    },
]
