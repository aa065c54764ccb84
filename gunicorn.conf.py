"""Gunicorn settings for `make run` and production; override with WEB_CONCURRENCY, GUNICORN_THREADS or
GUNICORN_CMD_ARGS.

Why gthread with 2 workers × 8 threads (measured with `make bench-load` on the 2-core machine, 32 connections):
- One worker per core. Python runs one thread per process at a time, so more processes than cores only adds
  switching: 4 workers × 4 threads measured the same as 2 × 8 within the noise (start page 783 vs 744 req/s,
  Mijn zaken 287 vs 327 req/s).
- Threads, because a request also waits: on the database, on Redis, on the BRP (up to its 3 s timeout). While
  one thread waits, another runs. A sync worker would sit idle then, and it cannot keep a connection open
  (keep-alive), which costs a new TCP connection per request.
- The embedded mock DigiD and mock BRP no longer run inside these workers (`make run` starts them as a service
  of their own), so no thread has to wait for another thread of the same server.
- With the page cache (portal/pagecache.py) a page served again costs about 1 ms of CPU, so a worker mostly waits
  for the GIL, not for I/O; more threads per worker do not add throughput then, but they still keep the pages
  that wait (the first view of Mijn gegevens in a session asks the BRP, a page that is built anew reads the
  database) from holding up the others.
- The cache is per process: more workers means more first renders, another reason for one per core.
- 2 × 4 against 2 × 8, measured with the cache on the quiet machine (2026-12-01, `bench.load_pages --setup
  embedded --seconds 6 --sessions 200`, two paired runs in both orders): the same requests/s within the noise
  (cached pages 2,400-2,800 req/s either way), but 2 × 4 had the lower p95: 21-25 ms against 26-31 ms on the
  cached personal pages, and 80-84 ms against 211-264 ms on an e-form step POST, whose SQLite write lock queues
  fewer threads. 2 × 8 stays the default anyway: a request that waits on the BRP (up to its 3 s timeout) holds
  its thread, and with 2 × 4 eight slow BRP answers would stop every page, the start page included; 2 × 8 keeps
  twice that headroom. A deployment whose BRP answers fast can set GUNICORN_THREADS=4.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30
accesslog = None  # the app logs each request itself, without query strings


def post_worker_init(_worker):
    """Move everything the app built at start-up (SQLAlchemy's mappers and caches, the catalogues, the case types)
    out of the garbage collector's sight: a full collection then scans only what requests make. Without it the
    request log showed every thread of a worker stopping at once for 1.4-4 s now and then under load; with it
    those stops were gone (bench/README.md, 2026-12-01)."""
    import gc

    gc.freeze()
