"""Inputs: files, HTML, PDF, encodings and manifests become a ``Document`` (text, its date, its source); nothing here finds a fact."""
