"""Placeholder: built in parallel."""


def init_app(app):
    pass
