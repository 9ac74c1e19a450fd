"""Hold the model each worker serves, and swap in a retrained one only after it proves itself.

Every (re)load resolves the model directory (a ``current`` link) once, loads it
with ``stance.load_model`` (checksum and versions checked) and scores a smoke
article. A reload that fails leaves the previous model serving; the failure is
logged and kept in ``last_reload``. Workers learn of a reload through
``RELOAD_FILE``: whoever asks for one replaces that file, and each worker
reloads when it sees the file change.
"""
from __future__ import annotations

import datetime
import json
import logging
import os
import tempfile
from dataclasses import dataclass

import stance

SMOKE_ARTICLE = ("Washington and Beijing agreed to share lunar data, and Moscow said it would join the talks.\n\n"
                 "The Pentagon warned that Russia's missile test turned orbit into a battlefield.")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """A verified model: what one request uses from start to end."""

    model: object
    sidecar: dict
    directory: str
    loaded_at: str

    @property
    def version(self) -> str | None:
        return self.sidecar.get("version")


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def verify_model(directory: str) -> Loaded:
    """Load the model in ``directory`` and check that it scores the smoke article.

    Raises
    ------
    stance.ModelLoadError
        If it cannot be loaded or its smoke prediction is malformed.
    """
    real = os.path.realpath(directory)
    model, sidecar = stance.load_model(real)
    try:
        result = stance.score_article(model, SMOKE_ARTICLE, explain_top=1)
        scores = [p["scores"] for p in result["paragraphs"] if p["content"]]
        ok = scores and all(abs(sum(s[h]["probs"].values()) - 1) < 1e-2 for s in scores for h in s)
    # A pickle we did not expect can fail in any way; name the model, not the service, as the culprit.
    except Exception as error:  # noqa: BLE001
        raise stance.ModelLoadError(f"{real}: the smoke prediction failed ({type(error).__name__}: {error}); "
                                    "run `make model` to retrain") from error
    if not ok:
        raise stance.ModelLoadError(f"{real}: the smoke prediction is malformed; run `make model` to retrain")
    return Loaded(model, sidecar, real, _now())


class ModelHolder:
    """The model one worker serves.

    Parameters
    ----------
    directory : str
        The model directory, usually a ``current`` link.
    reload_file : str or None
        A file shared by the workers; its change asks each of them to reload.
    on_change : callable, optional
        Called as ``on_change(old, new)`` with ``Loaded`` or None after a swap.
    on_reload : callable, optional
        Called as ``on_reload(ok)`` after every reload attempt.
    """

    def __init__(self, directory: str, reload_file: str | None = None, on_change=None, on_reload=None):
        self.directory = directory
        self.reload_file = reload_file
        self.on_change = on_change or (lambda old, new: None)
        self.on_reload = on_reload or (lambda ok: None)
        self.loaded: Loaded | None = None
        self.error: str | None = "the model has not been loaded yet; run `make model` to train one"
        self.last_reload: dict | None = None
        self._seen = self._signature()

    def load(self) -> bool:
        """Load the model for the first time; on failure keep the reason in ``error``."""
        try:
            self._swap(verify_model(self.directory))
        except stance.ModelLoadError as error:
            self.error = str(error)
            log.error("model not loaded: %s", error)
            return False
        log.info("serving model %s from %s", self.loaded.version, self.loaded.directory)
        return True

    def reload(self) -> Loaded:
        """Load the model again and swap it in; keep the old one if the new one fails.

        Raises
        ------
        stance.ModelLoadError
            If the new model fails; the previous model (if any) keeps serving.
        """
        previous = self.loaded.version if self.loaded else None
        try:
            fresh = verify_model(self.directory)
        except stance.ModelLoadError as error:
            self.last_reload = {"ok": False, "at": _now(), "error": str(error), "version": previous}
            log.error("reload failed, still serving %s: %s", previous, error)
            self.on_reload(False)
            if self.loaded is None:
                self.error = str(error)
            raise
        self._swap(fresh)
        self.last_reload = {"ok": True, "at": _now(), "error": None, "version": fresh.version}
        log.info("reloaded model %s (was %s)", fresh.version, previous)
        self.on_reload(True)
        return fresh

    def _swap(self, fresh: Loaded) -> None:
        old, self.loaded, self.error = self.loaded, fresh, None
        self.on_change(old, fresh)

    def _signature(self):
        if not self.reload_file:
            return None
        try:
            stat = os.stat(self.reload_file)
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def refresh(self) -> None:
        """Reload if another process asked for it since this worker last looked (cheap: one stat)."""
        signature = self._signature()
        if signature == self._seen:
            return
        self._seen = signature
        try:
            self.reload()
        except stance.ModelLoadError:
            pass  # logged and kept in last_reload; the old model serves on

    def announce(self) -> None:
        """Ask every worker to reload: replace ``reload_file`` atomically; this worker counts as done."""
        if not self.reload_file:
            return
        request_reload(self.reload_file)
        self._seen = self._signature()


def request_reload(path: str) -> None:
    """Replace the reload file at ``path`` so that every worker watching it reloads."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, staging = tempfile.mkstemp(prefix=".reload.", dir=folder)
    with os.fdopen(handle, "w") as out:
        json.dump({"requested_at": _now(), "pid": os.getpid()}, out)
    os.replace(staging, path)
