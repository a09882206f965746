from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .roles import roles_of


def roles(request: HttpRequest) -> dict:
    return {"roles": SimpleLazyObject(lambda: roles_of(request.user))}
