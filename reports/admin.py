"""Django admin for activity logs, read only. Incidents are deliberately not registered: every read of a
confidential report must go through the portal, where it is logged (IncidentView).

A log is created, edited, verified, returned and deleted only through ``reports.services.activities``: that is
where each change writes its audit row (``ActivityEvent``) and refreshes the monthly rollup
(``ActivityMonth``) in the same transaction. An admin edit would do neither, so the admin shows logs and
changes none; ``manage.py rebuild_activity_rollup --check`` finds any drift that a raw SQL edit leaves."""

from django.contrib import admin

from .models import Activity, ActivityEvent, ActivityPhoto


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ActivityPhotoInline(ReadOnlyInline):
    model = ActivityPhoto
    fields = ("order", "width", "height")


class ActivityEventInline(ReadOnlyInline):
    model = ActivityEvent
    fields = ("at", "actor", "from_status", "to_status", "comment")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("date", "unit", "kind", "status", "author")
    list_filter = ("status", "kind", "office")
    date_hierarchy = "date"
    search_fields = ("place", "notes")
    raw_id_fields = ("unit", "office", "author", "verified_by")
    list_select_related = ("unit__region", "author")
    show_full_result_count = False
    inlines = [ActivityPhotoInline, ActivityEventInline]

    # Every change goes through the services (module docstring): the admin may only look.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
