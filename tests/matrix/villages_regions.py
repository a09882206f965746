from tests.matrix import Row, signed_in

OFFICE_WORK = {"staff_x": 200, "pimpasa_x": 200, "head_x": 200, "staff_y": 200}

ROWS = {
    # Office staff pick regions for their forms; everyone else signed in is refused.
    "villages:region_search": Row(signed_in(403, **OFFICE_WORK), query="?q=rawa&next=/desa-binaan/usulkan/"),
}
