"""Gunicorn settings for `make run` and production; override with GUNICORN_CMD_ARGS."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let the embedded mock DigiD and mock BRP answer the portal's own HTTP calls
# while a worker is busy with the request that made them.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
accesslog = None  # the app logs each request itself, without query strings
