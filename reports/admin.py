"""Django admin for activity logs. Incidents are deliberately not registered: every read of a confidential
report must go through the portal, where it is logged (IncidentView)."""

from django.contrib import admin

from .models import Activity, ActivityEvent, ActivityPhoto


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 0
    fields = ("order", "width", "height")
    readonly_fields = ("width", "height")


class ActivityEventInline(admin.TabularInline):
    model = ActivityEvent
    extra = 0
    fields = ("at", "actor", "from_status", "to_status", "comment")
    readonly_fields = fields
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("date", "unit", "kind", "status", "author")
    list_filter = ("status", "kind", "office")
    date_hierarchy = "date"
    search_fields = ("place", "notes")
    raw_id_fields = ("unit", "office", "author", "verified_by")
    # Status changes go through the services (verification queue), never through the admin.
    readonly_fields = ("status", "verified_by", "verified_at", "review_comment", "client_token", "created_at")
    list_select_related = ("unit__region", "author")
    show_full_result_count = False
    inlines = [ActivityPhotoInline, ActivityEventInline]
