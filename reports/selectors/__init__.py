"""reports.selectors: one module per feature (activities, incidents, summaries, exports); import from those."""
