"""Matrix rows of the desa binaan workflow and work lists (villages: units)."""

from tests import factories as f
from tests.matrix import Row, signed_in
from villages.models import Unit

# Roles that see unit A (office X, Kanwil Jakarta) at all; everyone else gets 404 on its pages.
A_VISIBLE = {"officer_a", "coordinator_a", "staff_x", "pimpasa_x", "head_x", "oversight", "admin"}


def _unit_page(default_visible, **overrides) -> dict:
    """Outcome for a page of one unit in office X: 404 for outsiders, ``default_visible`` for the rest."""
    base = dict.fromkeys(A_VISIBLE, default_visible)
    base.update(overrides)
    return signed_in(404, **base)


def _proposed(world) -> dict:
    unit = f.make_unit(office=world.office_x, status=Unit.Status.PROPOSED, proposed_by=world.user("staff_x"))
    return {"pk": unit.pk}


def _in_status(status: str):
    def build(world) -> dict:
        # The officers of unit A belong to that unit only; this unit is foreign to them (404).
        unit = f.make_unit(office=world.office_x, status=status, proposed_by=world.user("staff_x"))
        return {"pk": unit.pk}

    return build


# A decision page of a unit in office X in the right state: the head decides; staff and oversight see a 403.
_DECISION = signed_in(404, staff_x=403, pimpasa_x=403, head_x=200, oversight=403, admin=403)

ROWS = {
    "villages:unit_list": Row(signed_in(200, editor=403)),
    "villages:unit_propose": Row(signed_in(403, staff_x=200, pimpasa_x=200, head_x=200, staff_y=200)),
    "villages:unit_detail": Row(_unit_page(200), kwargs=lambda w: {"pk": w.unit_a.pk}),
    "villages:unit_edit": Row(
        _unit_page(403, staff_x=200, pimpasa_x=200, head_x=200), kwargs=lambda w: {"pk": w.unit_a.pk}
    ),
    "villages:unit_approve": Row(_DECISION, kwargs=_proposed),
    "villages:unit_reject": Row(_DECISION, kwargs=_proposed),
    "villages:unit_launch": Row(_DECISION, kwargs=_in_status(Unit.Status.APPROVED)),
    "villages:unit_suspend": Row(_DECISION, kwargs=_in_status(Unit.Status.ACTIVE)),
    "villages:unit_reactivate": Row(_DECISION, kwargs=_in_status(Unit.Status.SUSPENDED)),
    "villages:unit_retire": Row(_DECISION, kwargs=_in_status(Unit.Status.ACTIVE)),
}
