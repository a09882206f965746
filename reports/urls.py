from django.urls import path

from .views import activities as activity_views
from .views import dashboard as dashboard_views
from .views import exports as export_views
from .views import field as field_views
from .views import incidents as incident_views
from .views import officer as officer_views
from .views import staff as staff_views
from .views import summaries as summary_views
from .views import verify as verify_views

app_name = "reports"

urlpatterns = [
    # Activities, incidents, verification, overview
    path("", officer_views.officer_home, name="officer_home"),
    path("kegiatan/", officer_views.activity_list, name="activity_list"),
    path("kegiatan/baru/", activity_views.activity_create_view, name="activity_create"),
    # Field mode: the service worker (its scope is this prefix), the manifest, and the outbox's session check
    path("sw.js", field_views.service_worker, name="field_sw"),
    path("manifest.webmanifest", field_views.manifest, name="field_manifest"),
    path("kegiatan/sesi-lapangan/", field_views.field_session, name="field_session"),
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
    # Summaries, dashboard, exports, public verification of a summary
    path("dasbor/", dashboard_views.dashboard, name="dashboard"),
    path("ringkasan/", summary_views.summary_list, name="summary_list"),
    path("ringkasan/<int:pk>/", summary_views.summary_detail, name="summary_detail"),
    path("ringkasan/<int:pk>/unduh/", summary_views.summary_download, name="summary_download"),
    path("ringkasan/<int:pk>/buat-ulang/", summary_views.summary_regenerate_view, name="summary_regenerate"),
    path("keaslian/", verify_views.verify_lookup, name="verify_lookup"),
    path("keaslian/<str:code>/", verify_views.verify, name="verify"),
    path("ekspor/", export_views.export_activities, name="export_activities"),
    path("ekspor/kegiatan.csv", export_views.export_activities_csv, name="export_activities_csv"),
    path("ekspor/kegiatan.xlsx", export_views.export_activities_xlsx, name="export_activities_xlsx"),
    path("ekspor/xlsx/mulai/", export_views.export_start, name="export_start"),
    path("ekspor/xlsx/<int:pk>/", export_views.export_detail, name="export_detail"),
    path("ekspor/xlsx/<int:pk>/unduh/", export_views.export_download, name="export_download"),
    path("ekspor/kejadian/", export_views.export_incidents, name="export_incidents"),
]
