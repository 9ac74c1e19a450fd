"""stance-serve: run the scoring service under gunicorn with sync workers.

Settings come from the environment: STANCE_HOST (default 127.0.0.1),
STANCE_PORT (8000), STANCE_WORKERS (the number of CPU cores), STANCE_TIMEOUT
(30 s), plus the app's own STANCE_MODEL_DIR, STANCE_MAX_CONTENT_LENGTH,
STANCE_MAX_BATCH, STANCE_EXPLAIN_TOP and STANCE_ADMIN_TOKEN.

`kill -HUP <master pid>` reloads the model without dropping a request: each
worker loads the new model at its next request, checks it and swaps it in; a
model that fails its checks is logged and the old one keeps serving.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

RELOAD_FILE = "reload"


class ModelReloadArbiter(Arbiter):
    """Gunicorn's master, but SIGHUP asks the workers to reload the model instead of replacing them."""

    def handle_hup(self):
        from .holder import request_reload
        self.log.info("Hang up: asking workers to reload the model")
        request_reload(self.app.reload_file)


def _child_exit(server, worker) -> None:
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


class StanceServer(BaseApplication):
    """A gunicorn application whose workers each build the app (and load the model) once."""

    def __init__(self, options: dict, reload_file: str):
        self.options = options
        self.reload_file = reload_file
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from .app import create_app
        # The service's own messages (model loads and reloads) go to gunicorn's error log.
        gunicorn_log = logging.getLogger("gunicorn.error")
        service_log = logging.getLogger("service")
        service_log.handlers, service_log.propagate = list(gunicorn_log.handlers), False
        service_log.setLevel(logging.INFO)
        return create_app({"RELOAD_FILE": self.reload_file})

    def run(self):
        try:
            ModelReloadArbiter(self).run()
        except RuntimeError as error:
            print(f"stance-serve: {error}", file=sys.stderr)
            sys.exit(1)


def options_from_env(environ=os.environ) -> dict:
    """Return gunicorn settings from STANCE_HOST, STANCE_PORT, STANCE_WORKERS and STANCE_TIMEOUT."""
    host = environ.get("STANCE_HOST", "127.0.0.1")
    port = environ.get("STANCE_PORT", "8000")
    return {"bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": int(environ.get("STANCE_WORKERS") or os.cpu_count() or 1),
            "worker_class": "sync", "timeout": int(environ.get("STANCE_TIMEOUT", "30")),
            "graceful_timeout": 30, "child_exit": _child_exit, "accesslog": environ.get("STANCE_ACCESS_LOG"),
            "proc_name": "stance-serve", "control_socket_disable": True}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="stance-serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before stance-serve could set up multiprocess metrics")
    state = tempfile.mkdtemp(prefix="stance-serve-")
    # Workers write their metrics here; it must be set before prometheus_client is imported.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(state, "metrics")
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    try:
        # Import the heavy libraries once in the master, so that forked workers start fast.
        import service.app  # noqa: F401
        StanceServer(options_from_env(), os.path.join(state, RELOAD_FILE)).run()
    finally:
        shutil.rmtree(state, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
