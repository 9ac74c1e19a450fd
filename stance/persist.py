"""Save and load models with a metadata sidecar; refuse anything that does not check out.

A model directory holds ``model.joblib`` and ``model.json`` (the sidecar:
versions, SHA-256 of the artifact and of the labels, label counts,
cross-validation metrics, date). ``publish_model`` writes a new directory and
then swaps a ``current`` link to it in one atomic rename, so a failed or
interrupted run never touches the model in use.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile

import joblib
import numpy
import scipy
import sklearn

ARTIFACT = "model.joblib"
SIDECAR = "model.json"
CURRENT = "current"


class ModelLoadError(RuntimeError):
    """The model is missing, altered or was saved by other library versions."""


def library_versions() -> dict:
    from . import __version__
    return {"stance": __version__, "python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__, "joblib": joblib.__version__}


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(model, directory: str, metadata: dict) -> dict:
    """Write ``model`` and its sidecar into ``directory`` (created); return the sidecar."""
    os.makedirs(directory, exist_ok=True)
    artifact = os.path.join(directory, ARTIFACT)
    joblib.dump(model, artifact, compress=3)
    sidecar = {**metadata, "versions": library_versions(), "artifact_sha256": file_sha256(artifact),
               "artifact_bytes": os.path.getsize(artifact)}
    with open(os.path.join(directory, SIDECAR), "w", encoding="utf-8") as handle:
        json.dump(sidecar, handle, indent=2, ensure_ascii=False)
    return sidecar


def publish_model(model, root: str, version: str, metadata: dict, extra_files: dict | None = None) -> str:
    """Save ``model`` as ``root/version`` and point ``root/current`` at it atomically.

    ``extra_files`` maps file names to bytes or str written beside the model
    (the report, plots). Returns the new model directory. The previous
    ``current`` is left untouched if anything here fails.
    """
    os.makedirs(root, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{version}.", dir=root)
    os.chmod(staging, 0o755)
    try:
        save_model(model, staging, {**metadata, "version": version})
        for name, data in (extra_files or {}).items():
            mode = "wb" if isinstance(data, bytes) else "w"
            with open(os.path.join(staging, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as h:
                h.write(data)
        load_model(staging)
        final = os.path.join(root, version)
        if os.path.exists(final):
            shutil.rmtree(final)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    link = os.path.join(root, f".{CURRENT}.{os.getpid()}")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(version, link)
    os.replace(link, os.path.join(root, CURRENT))
    return final


def read_sidecar(directory: str) -> dict:
    """Return the sidecar of the model in ``directory``."""
    path = os.path.join(directory, SIDECAR)
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise ModelLoadError(f"no model at {directory} (missing {SIDECAR}); run `make model` to train one") from None
    except json.JSONDecodeError as error:
        raise ModelLoadError(f"{path} is not valid JSON ({error}); run `make model` to retrain") from None


def load_model(directory: str):
    """Load the model in ``directory`` after checking its checksum and library versions.

    Returns ``(model, sidecar)``.

    Raises
    ------
    ModelLoadError
        If files are missing, the artifact's SHA-256 differs from the sidecar,
        or scikit-learn's version differs from the one that saved it.
    """
    sidecar = read_sidecar(directory)
    artifact = os.path.join(directory, ARTIFACT)
    if not os.path.exists(artifact):
        raise ModelLoadError(f"no {ARTIFACT} in {directory}; run `make model` to train one")
    if file_sha256(artifact) != sidecar.get("artifact_sha256"):
        raise ModelLoadError(f"{artifact} does not match the SHA-256 in its sidecar; it was altered or "
                             "truncated. Run `make model` to retrain")
    saved = sidecar.get("versions", {}).get("scikit-learn")
    if saved != sklearn.__version__:
        raise ModelLoadError(f"{artifact} was saved with scikit-learn {saved} but {sklearn.__version__} is "
                             "installed; run `make model` to retrain with this version")
    return joblib.load(artifact), sidecar
