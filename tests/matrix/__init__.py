"""The permission matrix: for every URL pattern, what each role gets on a GET.

Each app keeps its rows in ``tests/matrix/<app>.py`` as ``ROWS = {url_name: Row(...)}``. The matrix test
walks every pattern of the resolver; a pattern without a row, or a row without an outcome for every role,
fails. Outcomes: an HTTP status (200, 403, 404, 405...) or ``LOGIN`` (redirect to the login page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"
ROLES = (
    "anon",
    "officer_a",
    "coordinator_a",
    "officer_b",
    "staff_x",
    "pimpasa_x",
    "head_x",
    "staff_y",
    "oversight",
    "editor",
    "admin",
)
SIGNED_IN = tuple(r for r in ROLES if r != "anon")


def expect(default, **overrides) -> dict[str, object]:
    """An outcome for every role: ``default`` unless overridden by role name."""
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    return {role: overrides.get(role, default) for role in ROLES}


def public(status: int = 200) -> dict[str, object]:
    return expect(status)


def signed_in(default, **overrides) -> dict[str, object]:
    """Login required: the citizen is sent to the login page."""
    return expect(default, anon=LOGIN, **overrides)


@dataclass
class Row:
    expect: dict[str, object]
    # Builds the URL kwargs from the test world (``tests.conftest.World``).
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    # Extra query string, e.g. "?q=jakarta".
    query: str = ""
    # Why a GET is not the interesting request (POST-only views expect 405) or any other note.
    note: str = ""
