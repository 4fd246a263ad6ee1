"""The MkDocs hook, the mkdocs-macros module, the built tree, hand-written pages, the offline copy, other engines."""
