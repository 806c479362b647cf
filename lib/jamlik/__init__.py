"""jamlik: PDF briefings on jämlik hälsa for Swedish kommuner, from open statistics."""

import sys

__version__ = "0.1.0"

# nbformat validates notebooks with jsonschema, which imports rfc3987_syntax (installed with
# JupyterLab) for the "iri" format; that module builds a parser at import, about 1.5 s for every
# process we start. Notebook schemas never use "iri", and jsonschema skips the checker when the
# module cannot be imported (python-jsonschema/jsonschema#1392). Only when nobody loaded it yet.
sys.modules.setdefault("rfc3987_syntax", None)
