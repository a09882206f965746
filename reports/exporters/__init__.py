"""Exporters (after pretix's ``ListExporter``): each declares its columns and yields its records; the base writes
the header and the rows, and ``write_csv``/``write_xlsx`` turn rows into a file, with progress."""
