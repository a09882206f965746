from django.urls import path

from .views import staff, units

app_name = "villages"

urlpatterns: list = []

# The desa binaan workflow and work lists.
urlpatterns += [
    path("tugas/", staff.staff_home, name="staff_home"),
    path("desa-binaan/", units.unit_list, name="unit_list"),
    path("desa-binaan/usulkan/", units.unit_propose, name="unit_propose"),
    path("desa-binaan/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("desa-binaan/<int:pk>/ubah/", units.unit_edit, name="unit_edit"),
    path("desa-binaan/<int:pk>/setujui/", units.unit_transition, {"name": "unit_approve"}, name="unit_approve"),
    path("desa-binaan/<int:pk>/tolak/", units.unit_transition, {"name": "unit_reject"}, name="unit_reject"),
    path("desa-binaan/<int:pk>/kukuhkan/", units.unit_transition, {"name": "unit_launch"}, name="unit_launch"),
    path("desa-binaan/<int:pk>/bekukan/", units.unit_transition, {"name": "unit_suspend"}, name="unit_suspend"),
    path(
        "desa-binaan/<int:pk>/aktifkan/", units.unit_transition, {"name": "unit_reactivate"}, name="unit_reactivate"
    ),
    path("desa-binaan/<int:pk>/akhiri/", units.unit_transition, {"name": "unit_retire"}, name="unit_retire"),
]

# The region register's picker and the public office pages.
from .views import offices, regions  # noqa: E402

urlpatterns += [
    path("wilayah/cari/", regions.region_search, name="region_search"),
    path("kantor/", offices.office_list, name="office_list"),
    path("kantor/<slug:slug>/", offices.office_detail, name="office_detail"),
]
