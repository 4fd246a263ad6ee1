"""Reading and validating data/ (YAML with positions, schemas, the registry of data kinds, the loader)."""
