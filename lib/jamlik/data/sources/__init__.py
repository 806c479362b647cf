"""Data sources: each returns rows in the store's tidy layout (see ``jamlik.data.store``)."""
