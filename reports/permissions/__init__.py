"""reports.permissions: one module per feature (activities, incidents, summaries; the export rules are in summaries)."""
