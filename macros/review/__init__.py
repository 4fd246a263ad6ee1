"""Review of the data: lint, diff between two versions, the release history."""
