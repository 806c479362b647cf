"""Statistics: small pure functions (``stats``), intervals, comparisons, trends, gaps, gradients and
goal status, and on top of them ``findings``: every judgement about one kommun and year, made once.

Imports only from ``jamlik.base`` and ``jamlik.data``.
"""
