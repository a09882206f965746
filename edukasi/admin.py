"""Django admin for the guidance: reference data for administrators. Editors work in the portal's screens,
where every change goes through the services (revisions, audit rows, cache invalidation)."""

from django.contrib import admin

from .models import (
    Article,
    ArticleEvent,
    ArticleRevision,
    FactChange,
    Fee,
    Hotline,
    OfficeFact,
    OfficeFactEvent,
    Requirement,
    RequirementItem,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("title", "language", "topic", "status", "publish_at", "last_reviewed", "version")
    list_filter = ("status", "language", "topic")
    search_fields = ("title", "slug")


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ReadOnlyAdmin):
    list_display = ("article", "number", "author", "created_at", "note")
    list_select_related = ("article", "author")


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyAdmin):
    list_display = ("article", "from_status", "to_status", "actor", "at", "note")
    list_select_related = ("article", "actor")


@admin.register(Fee)
class FeeAdmin(ReadOnlyAdmin):
    list_display = ("code", "service", "amount", "effective_date", "legal_basis")
    list_filter = ("code",)


class RequirementItemInline(admin.TabularInline):
    model = RequirementItem
    extra = 0


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    list_display = ("situation", "title", "updated_by", "updated_at")
    inlines = [RequirementItemInline]


@admin.register(Hotline)
class HotlineAdmin(ReadOnlyAdmin):
    list_display = ("name", "channel", "number", "is_active", "order")


@admin.register(FactChange)
class FactChangeAdmin(ReadOnlyAdmin):
    list_display = ("kind", "summary", "actor", "at")


@admin.register(OfficeFact)
class OfficeFactAdmin(ReadOnlyAdmin):
    # Proposed and reviewed in the portal (edukasi:office_facts), never edited here: a row is history.
    list_display = ("office", "kind", "value", "effective_date", "status", "created_by", "reviewed_by")
    list_filter = ("status", "kind")
    search_fields = ("office__name", "value", "source")


@admin.register(OfficeFactEvent)
class OfficeFactEventAdmin(ReadOnlyAdmin):
    list_display = ("fact", "from_status", "to_status", "actor", "at", "note")
