"""The analysis engine: source text in, :class:`~mp_lsp.engine.findings.Finding` objects out.

Nothing here knows about LSP or the command line; both faces adapt what this package returns.
"""
