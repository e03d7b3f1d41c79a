"""`copydesk lsp`: a Language Server over stdio (pygls), the optional extra `copydesk[lsp]`. See docs/lsp.md."""
