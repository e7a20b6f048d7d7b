"""Minimal YAML guidance for entries written by tests (every required field, nothing more)."""

from __future__ import annotations

GUIDANCE = """\
  summary: s
  severity: high
  severity_reason: r
  causes: [c]
  diagnose: [d]
  resolve: [f]
  related: []
  aliases: [a]
"""
