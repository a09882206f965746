"""Finds every page, form and query parameter of the portal by walking the URL resolver as each role.

The permission matrix (``tests/matrix``) knows how to build every URL's arguments from the test world; the
crawler GETs each URL as each role, parses the ``<form>``s of every HTML page it receives (method, action,
fields with their own values, hidden ids, file inputs, named submit buttons) and the query parameters of
its links and GET forms. The hostile sweep and the CSRF and header checks all start from this.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import reverse

from tests.matrix import ROLES
from tests.test_permission_matrix import all_rows, all_url_names

# Never sweep: logging out ends the session the rest of a batch needs (its refusal of GET and of a
# request without a CSRF token are still checked), and the language switch only sets a cookie.
NOT_SWEPT = {"/akun/keluar/"}


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, textarea, select, checkbox, radio, file, submit, number, date, email, ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    role: str
    page: str
    method: str
    action: str
    enctype: str
    fields: list[Field]

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def signature(self) -> tuple:
        return (self.method, self.path, tuple(sorted({f.name for f in self.fields})))

    def data(self) -> dict[str, object]:
        """The values the page itself would send (first real option, checked boxes, the main button)."""
        data: dict[str, list[str]] = {}
        # The last named button is the main action ("Pratinjau" comes before "Simpan").
        buttons = [f for f in self.fields if f.kind == "submit"]
        for f in self.fields:
            if f.kind == "file":
                continue
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
                continue
            if f.kind == "submit" and f is not buttons[-1]:
                continue
            if f.kind == "select":
                # A placeholder ("Pilih ...") is not what a person sends: the first real choice is.
                choices = [o for o in f.options if o]
                data.setdefault(f.name, []).append(f.value or (choices[0] if choices else ""))
                continue
            data.setdefault(f.name, []).append(f.value)
        # Radios with nothing checked: the page's first choice, as a user would pick one.
        for f in self.fields:
            if f.kind == "radio" and f.name not in data:
                data[f.name] = [f.value]
        return {k: v[0] if len(v) == 1 else v for k, v in data.items()}

    def names(self) -> list[str]:
        out = []
        for f in self.fields:
            if f.name and f.name not in out and f.name != "csrfmiddlewaretoken":
                out.append(f.name)
        return out

    def file_fields(self) -> list[str]:
        return [f.name for f in self.fields if f.kind == "file"]


class _Parser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None
        self._select: Field | None = None
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._in_option = False
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": urljoin(self.page, a.get("action") or self.page),
                "enctype": a.get("enctype", ""),
                "fields": [],
            }
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            self._form["fields"].append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "button" and a.get("name"):
            if (a.get("type") or "submit").lower() == "submit":
                self._form["fields"].append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea", "")
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select", "")
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""
            self._in_option = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._in_option:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            self._select.options.append(value)
            if self._option_selected:
                self._select.value = value
            self._option_value = None
            self._in_option = False
        elif tag == "select":
            self._select = None


def parse(html: str, page: str) -> tuple[list[dict], list[str]]:
    parser = _Parser(page)
    parser.feed(html)
    # A form's fields may have been given the action of an outer page; only same-site forms count.
    forms = [f for f in parser.forms if urlsplit(f["action"]).netloc in ("", "testserver")]
    return forms, parser.links


@dataclass
class Site:
    # url name -> path (with query) built from the matrix row
    urls: dict[str, str]
    # (role, path with query) of every page that answered 200 with HTML
    pages: list[tuple[str, str]]
    forms: list[Form]
    # path -> {param: the page's own value}, from GET forms and links
    query_params: dict[str, dict[str, str]]
    # role -> paths that answered 200 (any content)
    ok: dict[str, set[str]]


def build_urls(world) -> dict[str, str]:
    rows = all_rows()
    urls = {}
    for name in all_url_names():
        row = rows[name]
        urls[name] = reverse(name, kwargs=row.kwargs(world)) + row.query
    return urls


def crawl(world, client_for, roles=ROLES, urls: dict[str, str] | None = None) -> Site:
    urls = urls if urls is not None else build_urls(world)
    pages, forms, seen_forms = [], [], set()
    query_params: dict[str, dict[str, str]] = {}
    ok: dict[str, set[str]] = {}
    for role in roles:
        client = client_for(role)
        for url in urls.values():
            response = client.get(url)
            if response.status_code != 200:
                continue
            ok.setdefault(role, set()).add(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            pages.append((role, url))
            raw_forms, links = parse(response.content.decode(), "http://testserver" + url)
            for raw in raw_forms:
                form = Form(role=role, page=url, **raw)
                if form.method == "get":
                    params = query_params.setdefault(form.path, {})
                    for name, value in form.data().items():
                        params.setdefault(name, value if isinstance(value, str) else value[0])
                    continue
                key = (role, *form.signature())
                if key in seen_forms or form.path in NOT_SWEPT:
                    continue
                seen_forms.add(key)
                forms.append(form)
            for link in links:
                parts = urlsplit(urljoin("http://testserver" + url, link))
                if parts.netloc != "testserver" or not parts.query:
                    continue
                params = query_params.setdefault(parts.path, {})
                for name, value in parse_qsl(parts.query, keep_blank_values=True):
                    params.setdefault(name, value)
    return Site(urls=urls, pages=pages, forms=forms, query_params=query_params, ok=ok)
