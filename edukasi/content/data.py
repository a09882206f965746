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
        "description": "Jalur resmi menjadi pekerja migran dan tanda bahaya tawaran kerja yang tidak resmi.",
        "description_en": "The legal path to work abroad as a migrant worker and the warning signs of illegal offers.",
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

# PP 45/2024 took effect in mid-December 2024; sources give 17 or 18 December. We use 17 December.
_PP45_DATE = "2024-12-17"
_PP45_BASIS = "PP 45/2024"
_PP45_SOURCE = "Peraturan Pemerintah (PP) 45/2024"
_PP45_NOTE = "Sumber berbeda soal tanggal mulai: 17 atau 18 Desember 2024."
_PP45_NOTE_EN = "Sources differ on the start date: 17 or 18 December 2024."

# The fees before PP 45/2024. Our sources give the amounts but not the day they started to apply, nor
# the regulation that set them. The date below (29 September 2022, when Permenkumham 18/2022 introduced
# the 10-year passport) only orders the history: these amounts were the ones in force before December 2024.
_OLD_DATE = "2022-09-29"
_OLD_BASIS = "Tarif sebelum PP 45/2024"
_OLD_SOURCE = "Tarif lama yang digantikan oleh PP 45/2024 pada Desember 2024"
_OLD_NOTE = (
    "Tarif lama, berlaku sampai pertengahan Desember 2024. Sumber kami tidak mencatat tanggal mulai "
    "berlakunya; tanggal di sini hanya menandai urutan riwayat."
)
_OLD_NOTE_EN = (
    "Old fee, in force until mid-December 2024. Our sources do not record when it started to apply; "
    "the date here only orders the history."
)

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
        "note": "Dibayar sebagai tambahan di atas biaya paspor. " + _PP45_NOTE,
        "note_en": "Paid on top of the passport fee. " + _PP45_NOTE_EN,
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
            "dengan surat keterangan dari kelurahan. " + _PP45_NOTE
        ),
        "note_en": (
            "Paid on top of the new passport's fee. Not charged (free) if the passport was lost in a disaster, "
            "with a letter from the kelurahan (village office). " + _PP45_NOTE_EN
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
            "dengan surat keterangan dari kelurahan. " + _PP45_NOTE
        ),
        "note_en": (
            "Paid on top of the new passport's fee. Not charged (free) if the passport was damaged in a "
            "disaster, with a letter from the kelurahan (village office). " + _PP45_NOTE_EN
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
        "title": "Penggantian paspor orang dewasa (sering disebut perpanjangan)",
        "title_en": "Replacing an adult's passport (often called renewal)",
        "legal_basis": "Permenkumham 18/2022",
        "source": "Kantor Imigrasi Jakarta Pusat (jakartapusat.imigrasi.go.id)",
        "items": [
            {"text": "e-KTP", "text_en": "Electronic identity card (e-KTP)", "note": "", "note_en": ""},
            {"text": "Paspor lama", "text_en": "The old passport", "note": "", "note_en": ""},
            {
                "text": "Kartu Keluarga (KK)",
                "text_en": "Family card (Kartu Keluarga, KK)",
                "note": (
                    "Tidak perlu jika paspor lama diterbitkan di Indonesia setelah 2009 dan datanya sama dengan "
                    "e-KTP. " + _ASK_OFFICE
                ),
                "note_en": (
                    "Not needed if the old passport was issued in Indonesia after 2009 and its data match the "
                    "e-KTP. " + _ASK_OFFICE_EN
                ),
            },
            {
                "text": "Akta kelahiran atau ijazah",
                "text_en": "Birth certificate or school diploma (ijazah)",
                "note": (
                    "Tidak perlu jika paspor lama diterbitkan di Indonesia setelah 2009 dan datanya sama dengan "
                    "e-KTP. " + _ASK_OFFICE
                ),
                "note_en": (
                    "Not needed if the old passport was issued in Indonesia after 2009 and its data match the "
                    "e-KTP. " + _ASK_OFFICE_EN
                ),
            },
        ],
    },
    {
        "situation": "child",
        "title": "Paspor anak (di bawah 17 tahun)",
        "title_en": "Passport for a child (under 17)",
        "legal_basis": "Permenkumham 18/2022",
        "source": "Kantor Imigrasi Jakarta Pusat (jakartapusat.imigrasi.go.id)",
        "items": [
            {
                "text": "e-KTP ayah dan ibu",
                "text_en": "Both parents' e-KTP",
                "note": "",
                "note_en": "",
            },
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
                "note": "Tanyakan ke Kantor Imigrasi jika orang tua tidak memiliki paspor.",
                "note_en": "Ask the immigration office if a parent has no passport.",
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
        ],
    },
    {
        "situation": "calon_pmi",
        "title": "Calon Pekerja Migran Indonesia (calon PMI)",
        "title_en": "Prospective Indonesian migrant worker (calon PMI)",
        "legal_basis": "UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia; Permenkumham 18/2022",
        "source": "UU 18/2017; Permenkumham 18/2022, pasal 4; rekomendasi Disnaker ditegaskan kembali Mei 2025",
        "items": [
            {
                "text": "Dokumen paspor pertama orang dewasa: e-KTP, Kartu Keluarga, dan akta kelahiran (atau "
                "akta/buku nikah, ijazah, atau surat baptis)",
                "text_en": "The documents for an adult's first passport: e-KTP, family card, and a birth "
                "certificate (or marriage certificate or book, school diploma, or baptism letter)",
                "note": "Untuk permohonan paspor di Kantor Imigrasi.",
                "note_en": "For the passport application at the immigration office.",
            },
            {
                "text": "Surat rekomendasi paspor dari Dinas Tenaga Kerja (Disnaker)",
                "text_en": "Passport recommendation letter from the local manpower office (Disnaker)",
                "note": (
                    "Wajib bagi calon PMI (ditegaskan kembali Mei 2025). Ajukan paspor di Kantor Imigrasi di "
                    "provinsi tempat tinggal Anda."
                ),
                "note_en": (
                    "Required for a prospective migrant worker (restated in May 2025). Apply for the passport "
                    "at an immigration office in your province of residence."
                ),
            },
            {
                "text": "Surat keterangan status perkawinan",
                "text_en": "Letter stating your marital status",
                "note": "",
                "note_en": "",
            },
            {
                "text": "Surat izin dari suami/istri, orang tua, atau wali yang diketahui kepala desa atau lurah",
                "text_en": (
                    "Permission from your spouse, parent or guardian, acknowledged by the village head or lurah"
                ),
                "note": "",
                "note_en": "",
            },
            {
                "text": "Sertifikat kompetensi kerja",
                "text_en": "Work competency certificate",
                "note": "",
                "note_en": "",
            },
            {"text": "Surat keterangan sehat", "text_en": "Health certificate", "note": "", "note_en": ""},
            {
                "text": "Paspor",
                "text_en": "Passport",
                "note": (
                    "Paspor pertama tanpa biaya bagi pekerja migran pernah berlaku (Permenkumham 9/2020 dan "
                    "SE IMI-GR.01.01-0252 tahun 2023). Belum pasti apakah masih berlaku: tanyakan ke Kantor "
                    "Imigrasi."
                ),
                "note_en": (
                    "A free first passport for migrant workers existed (Permenkumham 9/2020 and circular "
                    "SE IMI-GR.01.01-0252 of 2023). Whether it still applies is not certain: ask the "
                    "immigration office."
                ),
            },
            {"text": "Visa kerja", "text_en": "Work visa", "note": "", "note_en": ""},
            {
                "text": "Kepesertaan BPJS Ketenagakerjaan",
                "text_en": "Membership of BPJS Ketenagakerjaan (workers' social security)",
                "note": "",
                "note_en": "",
            },
            {
                "text": "Perjanjian penempatan dengan perusahaan penempatan berizin (P3MI)",
                "text_en": "Placement agreement with a licensed recruitment company (P3MI)",
                "note": "",
                "note_en": "",
            },
            {"text": "Perjanjian kerja", "text_en": "Work contract", "note": "", "note_en": ""},
        ],
    },
]

HOTLINES = [
    {
        "name": "Pusat panggilan KP2MI (dahulu BP2MI)",
        "name_en": "KP2MI call centre (formerly BP2MI)",
        "number": "0800-1000",
        "dial": "08001000",
        "channel": "phone",
        "hours": "24 jam",
        "hours_en": "24 hours",
        "note": "Bebas pulsa. Dahulu dikenal sebagai Halo TKI. Untuk pengaduan dan informasi pekerja migran.",
        "note_en": "Free call. Formerly known as Halo TKI. Complaints and information for migrant workers.",
        "source": "KP2MI (dahulu BP2MI); Perpres 165/2024 dan 166/2024",
        "order": 1,
    },
    {
        "name": "KP2MI dari luar negeri",
        "name_en": "KP2MI from abroad",
        "number": "+62 21 29244800",
        "dial": "+622129244800",
        "channel": "phone",
        "hours": "",
        "hours_en": "",
        "note": "Untuk menelepon dari luar negeri.",
        "note_en": "For calls from outside Indonesia.",
        "source": "KP2MI (dahulu BP2MI)",
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
        "name": "SAPA 129 (kekerasan terhadap perempuan dan anak, termasuk perdagangan orang)",
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
        "hours": "Senin–Jumat, 08.00–16.00",
        "hours_en": "Monday to Friday, 08.00–16.00",
        "note": (
            "Nomor ini mungkin sudah berubah setelah Oktober 2024, saat Imigrasi pindah ke Kementerian Imigrasi "
            "dan Pemasyarakatan. Jika tidak aktif, hubungi Kantor Imigrasi terdekat."
        ),
        "note_en": (
            "This number may have changed after October 2024, when immigration moved to the Ministry of "
            "Immigration and Corrections. If it does not answer, contact your nearest immigration office."
        ),
        "source": "Direktorat Jenderal Imigrasi",
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
        "note": "Untuk mengadukan pelayanan publik, termasuk layanan paspor.",
        "note_en": "To complain about a public service, including passport services.",
        "source": "SP4N-LAPOR! (lapor.go.id)",
        "order": 8,
    },
]
