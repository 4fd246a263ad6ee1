"""What the site publishes: routes, page kinds and their templates, tables, files and the downloads registry."""
