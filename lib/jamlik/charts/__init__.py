"""Charts and maps in one house style. They draw findings (value, interval, verdict, trend) and never
run a test. Imports from ``base``, ``data``, ``statistics`` and ``writing``.
"""
