"""The request type of views behind the sign-in.

``LoginRequiredMiddleware`` sends every visitor who has not signed in to the sign-in page before any view
not marked ``login_not_required`` runs, so those views see a real ``User``, never ``AnonymousUser``.
"""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    user: User
