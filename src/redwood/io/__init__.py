"""Getting training history in and out: importers for other apps' exports, exporters."""
