"""The layers hold: dependencies point one way, in Python and in templates, and no module imports itself back.

    desabinaan (settings, URLs, site pages)   may import every app
    reports -> edukasi -> villages            each app may import the apps below it and desabinaan.lib
    desabinaan.lib                            imports no app and nothing else of desabinaan

See docs/architecture.md.
"""

import ast
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("villages", "edukasi", "reports")
# What each package may import of ours (besides itself).
ALLOWED = {
    "desabinaan.lib": set(),
    "villages": {"desabinaan.lib"},
    "edukasi": {"desabinaan.lib", "villages"},
    "reports": {"desabinaan.lib", "villages", "edukasi"},
}
OURS = ("desabinaan", *APPS)
TEMPLATE_TAG_LIBRARIES = {"edukasi_tags": "edukasi"}
URL_RE = re.compile(r"""{%\s*url\s+["']([a-z_]+):""")
LOAD_RE = re.compile(r"{%\s*load\s+([^%]+)%}")
# Any string literal that looks like a namespaced URL name ("reports:officer_home"), wherever it is passed.
REVERSE_RE = re.compile(r"""["']([a-z_]+):[a-z_]+["']""")


def _modules(package: str) -> Iterator[tuple[str, Path]]:
    base = ROOT / package.replace(".", "/")
    for path in sorted(base.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        yield ".".join(parts), path


def _imports(module: str, path: Path) -> Iterator[str]:
    """Every module of ours that ``module`` imports, at the top or inside a function."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (name for name in names if name.split(".")[0] in OURS)


def _package_of(module: str) -> str:
    if module == "desabinaan.lib" or module.startswith("desabinaan.lib."):
        return "desabinaan.lib"
    return module.split(".")[0]


def _all_modules() -> dict[str, Path]:
    modules = {}
    for package in OURS:
        modules.update(_modules(package))
    return modules


def test_no_package_imports_a_layer_above_it():
    wrong = []
    for package, allowed in ALLOWED.items():
        for module, path in _modules(package):
            if package == "desabinaan" and _package_of(module) != "desabinaan.lib":
                continue
            for imported in _imports(module, path):
                target = _package_of(imported)
                if target != package and target not in allowed:
                    wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_no_app_imports_the_configuration_package():
    wrong = [
        f"{module} imports {imported}"
        for app in APPS
        for module, path in _modules(app)
        for imported in _imports(module, path)
        if imported.split(".")[0] == "desabinaan" and _package_of(imported) != "desabinaan.lib"
    ]
    assert wrong == []


def test_no_app_reverses_a_url_of_an_app_above_it():
    wrong = []
    for app in APPS:
        allowed = {app, *ALLOWED[app], "admin"}
        for module, path in _modules(app):
            wrong += [f"{module} reverses {ns}:" for ns in REVERSE_RE.findall(path.read_text()) if ns not in allowed]
    assert wrong == []


@pytest.mark.parametrize("app", APPS)
def test_app_templates_reach_no_app_above_them(app):
    allowed = {app, *ALLOWED[app], "admin"}
    wrong = []
    for path in sorted((ROOT / "templates" / app).rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text()
        name = path.relative_to(ROOT / "templates")
        wrong += [f"{name}: url {ns}:" for ns in URL_RE.findall(text) if ns not in allowed]
        for libraries in LOAD_RE.findall(text):
            for library in libraries.split():
                owner = TEMPLATE_TAG_LIBRARIES.get(library)
                if owner and owner not in allowed:
                    wrong.append(f"{name}: load {library}")
    assert wrong == []


def test_there_is_no_import_cycle_between_modules():
    modules = _all_modules()
    graph = {
        module: {
            target
            for imported in _imports(module, path)
            for target in (imported, imported.rsplit(".", 1)[0])
            if target in modules and target != module
        }
        for module, path in modules.items()
    }
    # A package's __init__ re-exporting its own modules is not a cycle worth reporting.
    cycles = []
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        visiting.append(module)
        for target in sorted(graph[module]):
            if target in visiting:
                cycle = [*visiting[visiting.index(target) :], target]
                if not all(a.startswith(b + ".") or b.startswith(a + ".") for a, b in pairwise(cycle)):
                    cycles.append(" -> ".join(cycle))
            elif target not in done:
                visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module)
    assert cycles == []


def test_the_checks_above_see_a_wrong_import_when_there_is_one(tmp_path):
    """The walker resolves relative imports: a villages module importing ..reports would be caught."""
    fake = tmp_path / "villages" / "sample.py"
    fake.parent.mkdir()
    fake.write_text("from reports.models import Activity\nfrom ..edukasi import models\nfrom .models import Unit\n")
    found = set(_imports("villages.sample", fake))
    assert {"reports.models", "edukasi.models"} <= {name for name in found if "." in name}
    assert URL_RE.findall("{% url 'reports:staff_queue' %}") == ["reports"]
    assert REVERSE_RE.findall('reverse("edukasi:home")') == ["edukasi"]
