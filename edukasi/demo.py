"""Demo data of the guidance: the seed content, when it is present."""

from .seed import CONTENT_DIR, LoadReport, load_guidance


def load() -> LoadReport | None:
    if not (CONTENT_DIR / "data.py").exists():
        return None
    return load_guidance(CONTENT_DIR)
