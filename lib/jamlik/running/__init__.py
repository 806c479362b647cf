"""Running: the Papermill engine, batches (parallel, resumable, Dask), params, the workspace and the
``jamlik`` command. The top layer: it may import from every other.
"""
