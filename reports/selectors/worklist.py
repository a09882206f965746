"""Reads for the task page of the site: what waits for the user in their own units.

The office's side of the task page counts through the selectors of the lists it links to (``staff_queue``,
``incident_list_for``), so that a count is the number of rows its link shows.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from villages.roles import roles_of

from ..models import Activity

AnyUser = User | AnonymousUser


def activities_to_fix_for(user: AnyUser) -> QuerySet[Activity]:
    """Logs of the user's own units that staff returned: they wait for the unit to fix and resubmit them."""
    return Activity.objects.filter(unit_id__in=roles_of(user).unit_roles.keys(), status=Activity.Status.RETURNED)
