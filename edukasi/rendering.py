"""Markdown bodies to sanitized HTML, with the structured-fact shortcodes of the content contract.

Order matters for safety: shortcodes are swapped for random placeholders, the Markdown is rendered and
cleaned by nh3 (an allow-list: no script, no event handlers, no ``javascript:`` links, no iframes), and
only then are the placeholders replaced by HTML rendered from our own templates and the database.
"""

import html
import re
import secrets
from dataclasses import dataclass, field

import markdown
import nh3
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import selectors
from .content import data as content

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# Content lists kept once in edukasi/content/data.py, so an article, a page and the poster say the same.
CONTENT_BLOCKS = ("warning_signs", "placement_routes", "before_departure")
BLOCK_SHORTCODE = re.compile(
    r"^[ \t]*\[\[(fee_table|hotlines|" + "|".join(CONTENT_BLOCKS) + r"|requirements:([a-z_]+))\]\][ \t]*$",
    re.MULTILINE,
)
INLINE_FEE = re.compile(r"\[\[fee:([a-z0-9-]+)\]\]")
ANY_SHORTCODE = re.compile(r"\[\[[^\[\]\n]{0,80}\]\]")


def clean_text(value: str) -> str:
    """Drop characters no page or database should hold (NUL and other C0 controls but tab/newline)."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value or "")


def sanitize(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_html(text: str) -> str:
    """Markdown rendered and sanitized, with no shortcode handling (used for previews of plain text)."""
    return sanitize(markdown.markdown(clean_text(text), extensions=["sane_lists", "tables"], output_format="html"))


@dataclass
class Facts:
    """The structured facts an article may embed, each loaded at most once per rendering."""

    _cache: dict = field(default_factory=dict)
    # The language of the page the facts go into (the content lists come in Indonesian and English).
    language: str = "id"

    def _get(self, name, loader):
        if name not in self._cache:
            self._cache[name] = loader()
        return self._cache[name]

    @property
    def current_fees(self):
        return self._get("fees", selectors.current_fees)

    @property
    def fees_by_code(self) -> dict:
        return {fee.code: fee for fee in self.current_fees}

    @property
    def requirements(self) -> dict:
        return self._get("requirements", lambda: {r.situation: r for r in selectors.requirements_with_items()})

    @property
    def hotlines(self):
        return self._get("hotlines", selectors.hotlines_public)


def content_list(name: str, language: str) -> dict:
    """One of the content lists of ``CONTENT_BLOCKS`` in the language: title, intro, items, basis."""
    english = (language or "id").startswith("en")

    def pick(entry: dict, key: str) -> str:
        return entry.get(f"{key}_en" if english else key) or entry.get(key, "")

    if name == "warning_signs":
        return {"items": [pick(s, "text") for s in content.WARNING_SIGNS], "source": content.WARNING_SIGNS_SOURCE}
    if name == "placement_routes":
        return {"items": [pick(r, "text") for r in content.PLACEMENT_ROUTES], "basis": content.PLACEMENT_ROUTES_BASIS}
    before: dict = dict(content.CALON_PMI_BEFORE_DEPARTURE)  # plain data: its values are str or a list of dicts
    return {
        "title": pick(before, "title"),
        "intro": pick(before, "intro"),
        "items": [pick(item, "text") for item in before["items"]],
        "basis": before["legal_basis"],
    }


def render_block(name: str, arg: str | None, facts: Facts) -> str:
    if name in CONTENT_BLOCKS:
        return render_to_string(
            "edukasi/includes/content_list.html", {"name": name, "block": content_list(name, facts.language)}
        )
    if name == "fee_table":
        return render_to_string("edukasi/includes/fee_table.html", {"fees": facts.current_fees})
    if name == "hotlines":
        return render_to_string("edukasi/includes/hotline_cards.html", {"hotlines": facts.hotlines})
    requirement = facts.requirements.get(arg or "")
    if requirement is None:
        return ""
    return render_to_string("edukasi/includes/requirement_list.html", {"requirement": requirement})


def render_inline_fee(code: str, facts: Facts) -> str:
    fee = facts.fees_by_code.get(code)
    if fee is None:
        return ""
    return render_to_string("edukasi/includes/fee_inline.html", {"fee": fee}).strip()


def render_body(text: str, facts: Facts | None = None) -> SafeString:
    """The article body as safe HTML with the shortcodes replaced by current facts."""
    facts = facts or Facts()
    token = secrets.token_hex(8)
    blocks: list[tuple[str, str | None]] = []
    inline: list[str] = []

    def block(match: re.Match) -> str:
        blocks.append((match.group(1).split(":")[0], match.group(2)))
        return f"\n\nEDUKASIBLOCK{token}N{len(blocks) - 1}\n\n"

    def inline_fee(match: re.Match) -> str:
        inline.append(match.group(1))
        return f"EDUKASIFEE{token}N{len(inline) - 1}E"

    text = BLOCK_SHORTCODE.sub(block, clean_text(text))
    text = INLINE_FEE.sub(inline_fee, text)
    text = ANY_SHORTCODE.sub("", text)  # an unknown shortcode is dropped, never shown raw
    safe = sanitize(markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html"))
    safe = re.sub(
        rf"<p>EDUKASIBLOCK{token}N(\d+)</p>|EDUKASIBLOCK{token}N(\d+)",
        lambda m: render_block(*blocks[int(m.group(1) or m.group(2))], facts),
        safe,
    )
    safe = re.sub(rf"EDUKASIFEE{token}N(\d+)E", lambda m: render_inline_fee(inline[int(m.group(1))], facts), safe)
    return mark_safe(safe)


def plain_text(text: str) -> str:
    """The body as plain text for search: shortcodes removed, Markdown rendered, tags stripped."""
    text = ANY_SHORTCODE.sub(" ", clean_text(text))
    rendered = markdown_to_html(text)
    # Inline tags go without a trace ("**paspor**." stays "paspor."), block tags become spaces.
    rendered = re.sub(r"</?(?:strong|em|b|i|a|code|abbr)(?:\s[^>]*)?>", "", rendered)
    stripped = re.sub(r"<[^>]+>", " ", rendered)
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()
