"""glibc's malloc on a Dask worker: give back what the nanny's default `MALLOC_TRIM_THRESHOLD_=65536` costs.

Any `MALLOC_*_` tuning variable also fixes glibc's mmap threshold at 128 KB (without one, glibc raises it as the
program frees larger blocks), so that spaCy's larger arrays are mapped and page-faulted afresh on every call.
`mallopt` raises both thresholds again at run time, to the ceiling that glibc's own adjustment would reach."""

from __future__ import annotations

import ctypes
import os

NANNY_TRIM_THRESHOLD = "65536"  # Dask's default distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_
KEEP_VARIABLE = "COPYDESK_ARCHIVE_MALLOC"  # set to "keep" on the workers to keep the nanny's setting
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
MMAP_THRESHOLD = 32 * 1024 * 1024  # the highest mmap threshold glibc sets itself on a 64-bit system
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD  # glibc keeps the trim threshold at twice the mmap threshold


def glibc():
    """The C library when it is glibc, else None (musl, macOS, Windows have no mallopt of this kind)."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
            return None
    except (AttributeError, ValueError, OSError):
        return None
    return ctypes.CDLL("libc.so.6")


def undo_nanny_trim_threshold(environ=os.environ) -> str:
    """Raise glibc's mmap and trim thresholds when the process runs with the nanny's default setting and no other
    malloc tuning of the user's; return what was done (or why not), for the worker's start-up record."""
    if environ.get(KEEP_VARIABLE) == "keep":
        return f"kept MALLOC_TRIM_THRESHOLD_ ({KEEP_VARIABLE}=keep)"
    if environ.get("MALLOC_TRIM_THRESHOLD_") != NANNY_TRIM_THRESHOLD:
        return "glibc's own thresholds (no MALLOC_TRIM_THRESHOLD_=65536)"
    others = sorted(name for name in environ if name.startswith("MALLOC_") and name != "MALLOC_TRIM_THRESHOLD_")
    if "malloc" in environ.get("GLIBC_TUNABLES", ""):
        others.append("GLIBC_TUNABLES")
    if others:
        return f"kept the user's malloc tuning ({', '.join(others)})"
    libc = glibc()
    if libc is None:
        return "not glibc: nothing to undo"
    if not (libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)):
        return "mallopt refused the thresholds"
    mib = MMAP_THRESHOLD >> 20, TRIM_THRESHOLD >> 20
    return "MALLOC_TRIM_THRESHOLD_=65536 undone: mmap threshold {} MiB, trim {} MiB".format(*mib)
