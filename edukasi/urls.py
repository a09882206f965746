from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

app_name = "edukasi"

urlpatterns = [
    # Public guidance.
    path("", views.home, name="home"),
    path("topik/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("artikel/<slug:slug>/", views.article_detail, name="article_detail"),
    path("artikel/<slug:slug>/selebaran.pdf", views.article_leaflet, name="article_leaflet"),
    path("m-paspor/", views.mpaspor, name="mpaspor"),
    path("bekerja-ke-luar-negeri/", views.legal_path, name="legal_path"),
    path("daftar-dokumen/", views.checklist, name="checklist"),
    path("biaya/", views.fees, name="fees"),
    path("cek-tawaran-kerja/", views.job_check, name="job_check"),
    path("layanan-pengaduan/", views.hotlines, name="hotlines"),
    path("cari/", views.search, name="search"),
    path(
        "sitemap.xml",
        login_not_required(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    # Editors.
    path("kelola/", views.editor_home, name="editor_home"),
    path("kelola/artikel/baru/", views.article_create, name="article_create"),
    path("kelola/artikel/<int:pk>/", views.editor_article, name="editor_article"),
    path("kelola/artikel/<int:pk>/ubah/", views.article_edit, name="article_edit"),
    path("kelola/artikel/<int:pk>/ajukan/", views.article_submit, name="article_submit"),
    path("kelola/artikel/<int:pk>/terbitkan/", views.article_publish, name="article_publish"),
    path("kelola/artikel/<int:pk>/arsipkan/", views.article_archive, name="article_archive"),
    path("kelola/artikel/<int:pk>/kembalikan/", views.article_return, name="article_return"),
    path("kelola/artikel/<int:pk>/revisi/", views.article_revisions, name="article_revisions"),
    path("kelola/artikel/<int:pk>/revisi/<int:number>/", views.revision_detail, name="revision_detail"),
    path("kelola/artikel/<int:pk>/revisi/<int:number>/pulihkan/", views.revision_restore, name="revision_restore"),
    path("kelola/biaya/", views.fee_list, name="fee_list"),
    path("kelola/persyaratan/", views.requirement_list, name="requirement_list"),
    path("kelola/persyaratan/<slug:situation>/", views.requirement_edit, name="requirement_edit"),
    path("kelola/layanan-pengaduan/", views.hotline_list, name="hotline_list"),
    path("kelola/layanan-pengaduan/baru/", views.hotline_create, name="hotline_create"),
    path("kelola/layanan-pengaduan/<int:pk>/", views.hotline_edit, name="hotline_edit"),
]
