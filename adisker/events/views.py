"""Events calendar."""

from __future__ import annotations
