"""The form builder for staff (issue 12): build a concept page by page without writing YAML."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    # Importing these registers their routes on the blueprint: the question pages, the routes and the outcome.
    from portal.formbuilder import question_views, route_views  # noqa: F401
    from portal.formbuilder.views import bp

    app.register_blueprint(bp)
