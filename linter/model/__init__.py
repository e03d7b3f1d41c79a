"""The document model: source text, prose blocks with their position maps, sentences, quotes and findings.

The lowest layer: it imports nothing of copydesk but `linter.errors`.
"""
