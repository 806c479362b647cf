"""jamlik: PDF briefings on jämlik hälsa for Swedish kommuner, from open statistics."""

__version__ = "0.1.0"
