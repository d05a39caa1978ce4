"""The exercise library: curated entries first, the open free-exercise-db behind them."""

from redwood.catalog.loader import Catalog, CatalogError, load_catalog

__all__ = ["Catalog", "CatalogError", "load_catalog"]
