"""A bare Flask "hello" for the load benchmark: the ceiling every page is compared with (same gunicorn settings)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "ok\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
