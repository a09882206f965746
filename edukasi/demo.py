"""Demo data of the guidance: the seed content, when it is present, and the Jakarta Utara offices' facts."""

from datetime import date

from villages.models import Office

from . import services
from .models import OfficeFact, PassportKinds
from .seed import CONTENT_DIR, LoadReport, load_guidance

# ../shared/domain/facts.md, "Passports": Kantor Imigrasi Jakarta Utara and Kantor Imigrasi Tanjung Priok issue
# only electronic passports since 1 December 2024 (one of 13 offices at 100% e-paspor).
ELECTRONIC_ONLY_SINCE = date(2024, 12, 1)
ELECTRONIC_ONLY_SOURCE = "tirto.id; idntimes.com; palpres.disway.id 738164 (13 kantor 100% paspor elektronik)"
ELECTRONIC_ONLY_OFFICES = ("kanim-jakarta-utara", "kanim-tanjung-priok")


def load() -> LoadReport | None:
    report = load_guidance(CONTENT_DIR) if (CONTENT_DIR / "data.py").exists() else None
    load_office_facts()
    return report


def load_office_facts() -> int:
    """The passport-kind fact of the two Jakarta Utara offices, published as the loader (no reviewer).

    Only what facts.md gives: no address, telephone or site is invented. Idempotent: an office that already
    has this fact (published or waiting for review) is left alone. Returns how many facts were added.
    """
    added = 0
    for office in Office.objects.filter(slug__in=ELECTRONIC_ONLY_OFFICES):
        if OfficeFact.objects.filter(office=office, kind=OfficeFact.Kind.PASSPORT_KINDS).exists():
            continue
        fact = services.office_fact_propose(
            office=office,
            by=None,
            kind=OfficeFact.Kind.PASSPORT_KINDS,
            value=PassportKinds.ELECTRONIC_ONLY,
            effective_date=ELECTRONIC_ONLY_SINCE,
            source=ELECTRONIC_ONLY_SOURCE,
            note="facts.md",
        )
        services.office_fact_publish(fact=fact, by=None, note="facts.md")
        added += 1
    return added
