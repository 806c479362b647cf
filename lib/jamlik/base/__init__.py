"""The ground floor: Swedish numbers and words (``text``), errors, paths, settings, atomic files.

Imports nothing from jamlik's other layers; every layer above may import from here.
"""
