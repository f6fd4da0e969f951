"""The compiled elementwise passes of usem3's forward pass against their definitions in numpy."""

from __future__ import annotations

import numpy as np
import pytest

from paralign.encoders import usem3_kernels as kernels

RNG = np.random.default_rng(7)
TABLE, ROWS, PAD = 40, 30, 40


def layout_ids() -> np.ndarray:
    """Table rows of a layout: two padding rows at each edge and between sequences."""
    ids = RNG.integers(0, TABLE, ROWS)
    ids[[0, 1, 12, 13, 28, 29]] = PAD
    return ids


@pytest.mark.parametrize(("width", "left"), [(2, 0), (3, 1), (5, 2)])
def test_first_layer_is_relu_of_the_window_sum_plus_the_input(width, left):
    products = RNG.standard_normal((width, TABLE + 1, 256)).astype(np.float32)
    products[:, PAD] = 0
    x = RNG.standard_normal((TABLE + 1, 768)).astype(np.float32)
    ids = layout_ids()
    h = np.full((ROWS, 256), np.nan, dtype=np.float32)
    kernels.first_layer(products, ids, PAD, left, x, 256, h)
    for p in range(ROWS):
        if ids[p] == PAD:
            assert not h[p].any()
            continue
        window = sum(products[o, ids[p + o - left]] for o in range(width))
        np.testing.assert_allclose(
            h[p], np.maximum(window, 0) + x[ids[p], 256:512], rtol=1e-6, atol=1e-6
        )


@pytest.mark.parametrize(("width", "left"), [(2, 0), (3, 1), (5, 2)])
def test_second_layer_sums_each_offset_s_product_shifted_into_place(width, left):
    y = RNG.standard_normal((ROWS, 256 * width)).astype(np.float32)
    bias = RNG.standard_normal(256).astype(np.float32)
    h = RNG.standard_normal((ROWS, 256)).astype(np.float32)
    out = np.full((ROWS, 1280), np.nan, dtype=np.float32)
    kernels.second_layer(y, bias, h, left, width, 2, ROWS - 2, out, 768)
    for p in range(2, ROWS - 2):
        total = bias + sum(y[p - left + o, 256 * o : 256 * (o + 1)] for o in range(width))
        np.testing.assert_allclose(
            out[p, 768:1024], np.maximum(total, 0) + h[p], rtol=1e-5, atol=1e-5
        )
    assert np.isnan(out[:, :768]).all() and np.isnan(out[:, 1024:]).all()  # nothing else written
    assert np.isnan(out[[0, 1, ROWS - 2, ROWS - 1]]).all()


def test_normalise_rows_is_a_layer_norm_without_gain_and_bias():
    out = (RNG.standard_normal((ROWS, 1280)) * 3 + 1).astype(np.float32)
    want = out - out.mean(axis=1, keepdims=True)
    want /= np.sqrt((want * want).mean(axis=1, keepdims=True) + 1e-6)
    kernels.normalise_rows(out, 1e-6)
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-5)
