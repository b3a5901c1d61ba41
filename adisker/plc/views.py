"""Professional learning communities."""

from __future__ import annotations
