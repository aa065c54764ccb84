"""Staff publishing of e-forms (issue 12): concepts, the YAML editor, the quality report, approval,
publishing (now or planned), retiring, versions and their differences, and the audit log.

Under /medewerkers/formulieren, for staff with the form-publisher role (portal.staff.auth.ROLE_FORM_PUBLISHER).
The builder (portal/formbuilder/ on top of builder.py here) and the readable summary of a form
(summary.py) plug into the concept page, and so does the preview.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    # Importing these registers the publishing routes on the blueprint and import/export/publish-due on
    # `flask forms`.
    from portal.formadmin import commands, preview_views, publish_views  # noqa: F401
    from portal.formadmin.views import bp

    app.register_blueprint(bp)
