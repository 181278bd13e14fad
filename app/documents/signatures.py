"""Signature strokes → PNG without Qt (the demo, imports); the GUI pad renders its own.

Also makes a deterministic "handwritten" scribble for demo signatures.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw

PAD_SIZE = (480, 160)


def strokes_png(
    strokes: Sequence[Sequence[tuple[float, float]]],
    size: tuple[int, int] = PAD_SIZE,
    width: int = 4,
) -> bytes:
    """Black strokes on white, the same look as the signature pad's PNG."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    for stroke in strokes:
        points = [(float(x), float(y)) for x, y in stroke]
        if len(points) == 1:
            x, y = points[0]
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill="black")
        elif points:
            draw.line(points, fill="black", width=width, joint="curve")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def scribble(seed: int, size: tuple[int, int] = PAD_SIZE) -> list[list[tuple[float, float]]]:
    """A few flowing strokes that look like a quick signature (deterministic per seed)."""
    rng = random.Random(seed)
    w, h = size
    strokes = []
    x = w * 0.12
    for _ in range(rng.randint(2, 3)):
        span = w * rng.uniform(0.18, 0.28)
        amp = h * rng.uniform(0.15, 0.28)
        freq = rng.uniform(2.5, 4.5)
        phase = rng.uniform(0, math.pi)
        pts = []
        for i in range(40):
            t = i / 39
            px = x + span * t + 6 * math.sin(t * 9 + phase)
            py = h * 0.55 - amp * math.sin(t * freq * math.pi + phase) * (1 - 0.4 * t)
            pts.append((round(px, 1), round(py, 1)))
        strokes.append(pts)
        x += span + w * 0.04
    y = h * rng.uniform(0.72, 0.8)
    strokes.append([(w * 0.1, y), (x * 0.6, y + 4), (x, y - 3)])  # the underline
    return strokes
