"""reports.views: one module per feature; urls.py imports them."""
