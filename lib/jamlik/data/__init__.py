"""Data: the sources (Kolada, SCB, the bundled snapshots), the Parquet store and its provenance,
the indicator catalog, the register of areas and the denominators.

Imports only from ``jamlik.base``. The CSV, JSON and Parquet files beside these modules are the
package's reference data (see ``SOURCES.md``).
"""
