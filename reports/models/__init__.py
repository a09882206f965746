"""Outreach logs, incidents and generated summaries (imports from villages and edukasi)."""

from .activities import Activity, ActivityEvent, ActivityPhoto
from .exports import ExportJob
from .incidents import Incident, IncidentEvent, IncidentView
from .rollups import ActivityMonth
from .summaries import Summary

__all__ = [
    "Activity",
    "ActivityEvent",
    "ActivityMonth",
    "ActivityPhoto",
    "ExportJob",
    "Incident",
    "IncidentEvent",
    "IncidentView",
    "Summary",
]
