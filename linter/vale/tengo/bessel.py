"""Bessel functions of the first and second kind for `math.j0` ... `math.yn`: J_n by the trapezoid rule on Bessel's
integral over a whole period (which is exact to rounding once it has more points than |x| + n), Y_0 and Y_1 by
Neumann's series in those J_k up to x = 25 and by Hankel's asymptotic expansion beyond, Y_n by the upward
recurrence, which is stable for Y."""

from __future__ import annotations

import math

EULER = 0.5772156649015329
HANKEL_FROM = 25.0  # past this, Hankel's expansion is exact to rounding for small orders
MOST_POINTS = 200_000  # a trapezoid sum larger than this gives way to Hankel's expansion


def _j_all(x: float, count: int) -> list[float]:
    """J_0(x) ... J_{count-1}(x)."""
    points = 2 * (int(abs(x)) + count) + 64
    sums = [0.0] * count
    for step in range(points):
        tau = 2 * math.pi * step / points
        phase = x * math.sin(tau)
        for k in range(count):
            sums[k] += math.cos(k * tau - phase)
    return [s / points for s in sums]


def _hankel(n: int, x: float) -> tuple[float, float]:
    """(J_n(x), Y_n(x)) for a large positive x, by Hankel's expansion taken to its smallest term."""
    mu = 4.0 * n * n
    p, q, term = 1.0, 0.0, 1.0
    for k in range(1, 400):
        following = term * (mu - (2 * k - 1) ** 2) / (k * 8 * x)
        if k > 2 and abs(following) > abs(term):
            break
        term = following
        if k % 2:
            q += term * (-1) ** ((k - 1) // 2)
        else:
            p += term * (-1) ** (k // 2)
        if abs(term) < 1e-18:
            break
    chi = x - (n / 2 + 0.25) * math.pi
    scale = math.sqrt(2 / (math.pi * x))
    return scale * (p * math.cos(chi) - q * math.sin(chi)), scale * (p * math.sin(chi) + q * math.cos(chi))


def jn(n: int, x: float) -> float:
    if math.isnan(x):
        return x
    if math.isinf(x):
        return 0.0
    if n < 0:
        return (-1) ** n * jn(-n, x)
    if 2 * (abs(x) + n) > MOST_POINTS:
        value = _hankel(n, abs(x))[0]
        return value * (-1) ** n if x < 0 else value
    return _j_all(x, n + 1)[n]


def _y01(x: float) -> tuple[float, float]:
    if x > HANKEL_FROM:
        return _hankel(0, x)[1], _hankel(1, x)[1]
    terms = int(x) + 40
    j = _j_all(x, 2 * terms + 2)
    log = math.log(x / 2) + EULER
    even = sum((-1) ** k * j[2 * k] / k for k in range(1, terms))
    odd = sum((-1) ** k * (j[2 * k - 1] - j[2 * k + 1]) / k for k in range(1, terms))
    return 2 / math.pi * log * j[0] - 4 / math.pi * even, 2 / math.pi * (log * j[1] - j[0] / x) + 2 / math.pi * odd


def yn(n: int, x: float) -> float:
    if math.isnan(x) or x < 0:
        return math.nan
    if x == 0:
        return -math.inf
    if math.isinf(x):
        return 0.0
    sign = (-1) ** n if n < 0 else 1
    n = abs(n)
    previous, current = _y01(x)
    if n == 0:
        return sign * previous
    for k in range(1, n):
        previous, current = current, 2 * k / x * current - previous
        if math.isinf(current):
            break
    return sign * current
