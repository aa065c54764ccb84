"""Fuzzing an embedded mock with its official OpenAPI document (schemathesis), and counting what happened.

`Fuzz("mock BRP")` keeps the figures of one run (cases, server errors, spec violations) and prints them in
pytest's summary, since output during a passing test is captured.
"""

from __future__ import annotations

from collections import Counter

import pytest

from portal import create_app


class Fuzz:
    def __init__(self, name: str):
        self.name = name
        self.figures: Counter = Counter()

    def schema(self, spec: dict, *, headers: dict, app_overrides: dict, max_examples: int):
        import schemathesis
        from schemathesis.config import SchemathesisConfig

        config = SchemathesisConfig.from_dict(
            {
                "headers": headers,
                "continue-on-failure": True,  # report every distinct failure, not only the first
                "generation": {"max-examples": max_examples},
            }
        )
        schema = schemathesis.openapi.from_dict(spec, config=config)
        schema.app = create_app("test", app_overrides)
        return schema

    def run(self, case) -> None:
        from schemathesis.core.failures import FailureGroup

        response = case.call()
        self.figures["cases"] += 1
        self.figures["server errors"] += response.status_code >= 500
        try:
            case.validate_response(response)
        except FailureGroup as failures:
            self.figures["spec violations"] += len(failures.exceptions)
            raise

    def pytest_terminal_summary(self, terminalreporter):
        figures = self.figures
        terminalreporter.write_line(
            f"{self.name} fuzz: {figures['cases']} cases, {figures['server errors']} server errors, "
            f"{figures['spec violations']} spec violations"
        )

    def report_fixture(self):
        """An autouse module fixture that registers the summary line once."""

        @pytest.fixture(scope="module", autouse=True)
        def report_figures(request):
            if not request.config.pluginmanager.is_registered(self):
                request.config.pluginmanager.register(self, f"{self.name} fuzz figures")
            return self.figures

        return report_figures
