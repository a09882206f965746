"""Seed guidance content: structured facts (``data.py``) and Markdown articles (``articles/<lang>/``).

Read by the edukasi loader; the format is fixed by the content contract (front matter keys, shortcodes).
"""
