"""Who may do what with the guidance (DESIGN §3): editors write and publish; everyone reads."""

from django.contrib.auth.models import AnonymousUser, User

from villages.roles import roles_of

from .models import Article

AnyUser = User | AnonymousUser


def can_edit_guidance(user: AnyUser) -> bool:
    """Write articles and keep fees, requirements and hotlines current."""
    return roles_of(user).is_editor


def can_edit_article(user: AnyUser, article: Article) -> bool:
    return can_edit_guidance(user) and article.status != Article.Status.ARCHIVED


def can_publish_article(user: AnyUser, article: Article) -> bool:
    return can_edit_guidance(user)
