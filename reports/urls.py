from django.urls import path  # noqa: F401  (patterns are added per feature below)

app_name = "reports"

urlpatterns: list = []

# --- Activities, incidents, verification, overview -----------------------------------------------
from .views import activities as activity_views  # noqa: E402
from .views import incidents as incident_views  # noqa: E402
from .views import officer as officer_views  # noqa: E402
from .views import staff as staff_views  # noqa: E402

urlpatterns += [
    path("", officer_views.officer_home, name="officer_home"),
    path("kegiatan/baru/", activity_views.activity_create_view, name="activity_create"),
    path("kegiatan/<int:pk>/", activity_views.activity_detail, name="activity_detail"),
    path("kegiatan/<int:pk>/ubah/", activity_views.activity_update_view, name="activity_update"),
    path("kegiatan/<int:pk>/hapus/", activity_views.activity_delete_view, name="activity_delete"),
    path("kegiatan/<int:pk>/foto/<int:photo_pk>/", activity_views.activity_photo, name="activity_photo"),
    path(
        "kegiatan/<int:pk>/foto/<int:photo_pk>/kecil/", activity_views.activity_photo_thumb, name="activity_photo_thumb"
    ),
    path("kegiatan/<int:pk>/daftar-hadir/", activity_views.activity_sheet, name="activity_sheet"),
    path("kegiatan/<int:pk>/keputusan/", staff_views.activity_review, name="activity_review"),
    path("verifikasi/", staff_views.staff_queue_view, name="staff_queue"),
    path("ikhtisar-unit/", staff_views.staff_overview, name="staff_overview"),
    path("kejadian/", incident_views.incident_list, name="incident_list"),
    path("kejadian/baru/", incident_views.incident_create, name="incident_create"),
    path("kejadian/<int:pk>/", incident_views.incident_detail, name="incident_detail"),
    path("kejadian/<int:pk>/tindak-lanjut/", incident_views.incident_step_view, name="incident_step"),
]
