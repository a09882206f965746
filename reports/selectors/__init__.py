"""reports.selectors: one module per feature (activities, incidents, summaries); import from those."""
