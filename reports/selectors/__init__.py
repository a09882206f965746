"""reports.selectors: one module per feature (activities, incidents, summaries, worklist); import from those."""
