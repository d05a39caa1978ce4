"""The web app and REST API (FastAPI): `redwood serve`. See redwood.web.app.create_app."""
