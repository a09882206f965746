"""reports.services: one module per feature (activities, incidents, summaries, exports) and the background-job
life cycle they share (jobs); import from those. Services never import ``reports.tasks``."""
