"""Methodological council."""

from __future__ import annotations
