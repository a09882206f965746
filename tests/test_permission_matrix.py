"""Every URL pattern, every role: the outcome of a GET is the one the matrix expects."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix as matrix_pkg
from tests.matrix import LOGIN, ROLES

# Django's admin guards itself (staff only) and is exercised by Django's own tests.
SKIPPED_NAMESPACES = {"admin"}


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _walk(p.url_patterns, f"{namespace}:{p.namespace}" if namespace and p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def all_rows() -> dict:
    rows = {}
    for info in pkgutil.iter_modules(matrix_pkg.__path__):
        module = importlib.import_module(f"tests.matrix.{info.name}")
        for name, row in getattr(module, "ROWS", {}).items():
            assert name not in rows, f"{name} has two rows"
            rows[name] = row
    return rows


def test_every_url_pattern_has_a_row_with_every_role():
    rows = all_rows()
    missing = [name for name in all_url_names() if name not in rows]
    assert not missing, f"URL patterns without a permission-matrix row: {missing}"
    stale = [name for name in rows if name not in all_url_names()]
    assert not stale, f"matrix rows for URL names that no longer exist: {stale}"
    for name, row in rows.items():
        assert set(row.expect) == set(ROLES), f"{name} lacks an outcome for {set(ROLES) - set(row.expect)}"


def test_unnamed_patterns_do_not_exist():
    def unnamed(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace not in SKIPPED_NAMESPACES:
                    yield from unnamed(p.url_patterns)
            elif not p.name:
                yield str(p.pattern)

    assert list(unnamed(get_resolver().url_patterns)) == []


@pytest.mark.parametrize("name", all_url_names())
def test_permission_matrix(name, world, client_for):
    row = all_rows()[name]
    url = reverse(name, kwargs=row.kwargs(world)) + row.query
    got = {}
    for role in ROLES:
        response = client_for(role).get(url)
        if response.status_code == 302 and response["Location"].startswith(reverse("login")):
            got[role] = LOGIN
        else:
            got[role] = response.status_code
    assert got == row.expect
