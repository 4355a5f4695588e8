"""Checks: golden fixtures, scoring against gold (detection and strict), and explaining why a figure became a fact or not."""
