"""The typed, read-only model the loader builds, its index and its lossless serialization."""
