"""Writing: Swedish sentences, theme summaries, the page-2 choice and HTML text parts.

They read findings and never compute a verdict. Imports from ``base``, ``data`` and ``statistics``.
"""
