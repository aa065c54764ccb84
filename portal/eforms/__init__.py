"""The e-form runner (issue 11): residents fill in the forms of forms/ step by step, on the server.

runner.py holds the rules (route, positions, what a POST stores, check answers), flow.py and repeat.py the
request helpers, submit.py the one unit of work of a submit, handoff.py the confirmation and the hand-off
to an appointment or a callback, views.py the pages (stepcache.py serves a step page again from the page
cache), cleanup.py the scheduled clean-up, preview.py the staff preview. Field parsing is in fields/,
prefill in prefill.py, the after-submit work in aftercare.py.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from portal.eforms import stepcache
    from portal.eforms.pages import runner_url
    from portal.eforms.views import bp

    stepcache.init_app(app)
    app.register_blueprint(bp)
    app.add_template_global(runner_url)
