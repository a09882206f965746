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
    path("desa-binaan/<int:pk>/aktifkan/", units.unit_transition, {"name": "unit_reactivate"}, name="unit_reactivate"),
    path("desa-binaan/<int:pk>/akhiri/", units.unit_transition, {"name": "unit_retire"}, name="unit_retire"),
]

# The region register's picker and the public office pages.
from .views import offices, regions  # noqa: E402

urlpatterns += [
    path("wilayah/cari/", regions.region_search, name="region_search"),
    path("kantor/", offices.office_list, name="office_list"),
    path("kantor/<slug:slug>/", offices.office_detail, name="office_detail"),
]

# Members, invitations and activation; the public directory and poster.
from .views import members, public  # noqa: E402

urlpatterns += [
    path("desa-binaan/<int:pk>/anggota/", members.unit_members, name="unit_members"),
    path("desa-binaan/<int:pk>/anggota/undang/", members.invitation_create_view, name="invitation_create"),
    path(
        "desa-binaan/<int:pk>/undangan/<int:invitation_pk>/kirim-ulang/",
        members.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "desa-binaan/<int:pk>/undangan/<int:invitation_pk>/cabut/",
        members.invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "desa-binaan/<int:pk>/anggota/<int:membership_pk>/keluarkan/",
        members.membership_remove_view,
        name="membership_remove",
    ),
    path("desa-binaan/<int:pk>/pimpasa/tambah/", members.pimpasa_add_view, name="pimpasa_add"),
    path("desa-binaan/<int:pk>/pimpasa/<int:user_pk>/lepas/", members.pimpasa_remove_view, name="pimpasa_remove"),
    path("akun/aktivasi/<str:token>/", members.invitation_accept_view, name="invitation_accept"),
    path("direktori/", public.directory, name="directory"),
    path("direktori/<int:pk>/", public.unit_public, name="unit_public"),
    path("direktori/<int:pk>/poster.pdf", public.unit_poster, name="unit_poster"),
]
