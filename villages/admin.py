"""Django admin for the registry: reference data (regions, Kanwil, offices) and office memberships.

Unit status is read-only here: only the workflow services change it (and write the UnitEvent).
Regions come from ``manage.py import_regions``; the admin may correct a name but not add or delete one.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import (
    Invitation,
    Kanwil,
    Office,
    OfficeMembership,
    OversightMembership,
    Region,
    RegionImport,
    Unit,
    UnitEvent,
    UnitMembership,
)


class ReadOnlyAdminMixin:
    """A history: visible, never written through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    # "^code" is a prefix match, served by the code index; names match anywhere.
    search_fields = ["^code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "level", "parent"]
    fields = ["code", "name", "level", "parent"]
    ordering = ["code"]
    # 91,599 rows: no COUNT(*) of the whole table on every page.
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegionImport)
class RegionImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "source", "rows", "created", "updated", "unchanged", "not_in_file", "seconds", "actor"]
    date_hierarchy = "at"


class OfficeMembershipInline(admin.TabularInline):
    model = OfficeMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "nip", "created_at"]
    readonly_fields = ["created_at"]


class OversightMembershipInline(admin.TabularInline):
    model = OversightMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Kanwil)
class KanwilAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "province"]
    list_select_related = ["province"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["province"]
    inlines = [OversightMembershipInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "office_class", "kanwil", "phone", "email"]
    list_filter = ["office_class", "kanwil"]
    list_select_related = ["kanwil"]
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["kanwil", "service_area"]
    # An address typed without a scheme is an https site (and silences Django 6's change of default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kanwil", "office_class"]}),
        (_("Kontak"), {"fields": ["address", "phone", "whatsapp", "email", "website"]}),
        (_("Wilayah kerja"), {"fields": ["service_area"]}),
        (_("Kepala kantor"), {"fields": ["head_name", "head_nip"]}),
    ]
    inlines = [OfficeMembershipInline]


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]


class UnitEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = UnitEvent
    extra = 0
    fields = readonly_fields = ("at", "kind", "from_status", "to_status", "actor", "reason")
    ordering = ["-at", "-pk"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "office", "region", "decree_number", "launch_date"]
    list_filter = ["status", "kind", "office"]
    list_select_related = ["region", "office"]
    search_fields = ["region__name", "^region__code", "school_name", "=npsn", "decree_number"]
    autocomplete_fields = ["region", "office", "proposed_by", "pimpasa"]
    # The workflow (services) owns status and the dates that come with each transition.
    readonly_fields = ["status", "proposed_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "region", "school_name", "npsn", "office", "status"]}),
        (_("Alasan"), {"fields": ["reason", "reason_detail"]}),
        (_("Penetapan"), {"fields": ["decree_number", "decree_date", "launch_date"]}),
        (_("Kontak"), {"fields": ["address", "contact_name", "contact_phone", "contact_email"]}),
        (_("Petugas"), {"fields": ["pimpasa", "proposed_by", "created_at", "updated_at"]}),
    ]
    inlines = [UnitMembershipInline, UnitEventInline]

    def has_add_permission(self, request):
        # A unit starts as a proposal through the portal, which checks the region and writes the first event.
        return False


@admin.register(UnitEvent)
class UnitEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "unit", "kind", "from_status", "to_status", "actor"]
    list_filter = ["kind", "to_status"]
    list_select_related = ["unit__region", "actor"]
    search_fields = ["unit__region__name", "unit__school_name", "reason"]
    date_hierarchy = "at"


@admin.register(OfficeMembership)
class OfficeMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "office", "nip", "created_at"]
    list_filter = ["role", "office"]
    list_select_related = ["user", "office"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "office__name"]
    autocomplete_fields = ["user", "office"]


@admin.register(UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role", "unit__office"]
    list_select_related = ["user", "unit__region"]
    search_fields = ["user__username", "user__email", "unit__region__name", "unit__school_name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(OversightMembership)
class OversightMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "kanwil", "created_at"]
    list_filter = ["kanwil"]
    list_select_related = ["user", "kanwil"]
    search_fields = ["user__username", "user__email", "kanwil__name"]
    autocomplete_fields = ["user", "kanwil"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made, resent and revoked in the portal (they e-mail a token); here they are read."""

    list_display = ["email", "unit", "role", "state_label", "sent_at", "expires_at"]
    list_filter = ["role", "unit__office"]
    list_select_related = ["unit__region"]
    search_fields = ["email", "unit__region__name", "unit__school_name"]
    # token_hash is left out entirely: not even its hash belongs on a screen.
    fields = readonly_fields = (
        "email",
        "unit",
        "role",
        "user",
        "invited_by",
        "created_at",
        "sent_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )

    @admin.display(description=_("status"))
    def state_label(self, obj: Invitation) -> str:
        return obj.state_label

    def has_add_permission(self, request):
        return False
