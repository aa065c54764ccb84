"""Records every URL the portal served during the test run, for the BSN scan after the suite."""

from __future__ import annotations

from flask import Flask, request


class RequestRecorder:
    urls: list[str] = []

    @classmethod
    def install(cls, app: Flask) -> None:
        @app.after_request
        def _record(response):
            cls.urls.append(request.full_path)
            location = response.headers.get("Location")
            if location:
                cls.urls.append(location)
            return response
