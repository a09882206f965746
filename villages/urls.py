from django.urls import path

from .views import members, regions, units

app_name = "villages"

urlpatterns = [
    # The desa binaan workflow and work lists (the task page of office staff is the site's ``my_home``).
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
    # The region register's picker.
    path("wilayah/cari/", regions.region_search, name="region_search"),
    # Members, invitations and activation.
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
]
