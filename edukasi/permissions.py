"""Who may do what with the guidance (DESIGN §3): editors write and publish; everyone reads.

What an office serves (its facts) is proposed by its own staff or an editor and reviewed by an editor or the
head of that office, never by the proposer.
"""

from django.contrib.auth.models import AnonymousUser, User

from villages.roles import roles_of

from .models import Article, OfficeFact

AnyUser = User | AnonymousUser


def can_edit_guidance(user: AnyUser) -> bool:
    """Write articles and keep fees, requirements and hotlines current."""
    return roles_of(user).is_editor


def can_edit_article(user: AnyUser, article: Article) -> bool:
    return can_edit_guidance(user) and article.status != Article.Status.ARCHIVED


def can_publish_article(user: AnyUser, article: Article) -> bool:
    return can_edit_guidance(user)


def can_propose_office_fact(user: AnyUser, office_id: int) -> bool:
    """The office's own staff (staff, PIMPASA, head) and editors propose what an office serves."""
    roles = roles_of(user)
    return roles.is_editor or office_id in roles.staff_office_ids


def can_review_office_fact(user: AnyUser, fact: OfficeFact) -> bool:
    """Editors and the head of the office review; never the person who proposed it."""
    if not user.is_authenticated or fact.created_by_id == user.pk:
        return False
    roles = roles_of(user)
    return roles.is_editor or fact.office_id in roles.head_office_ids


def can_work_on_office_facts(user: AnyUser) -> bool:
    roles = roles_of(user)
    return roles.is_editor or roles.is_office_staff
