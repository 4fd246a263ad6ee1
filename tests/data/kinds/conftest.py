from pathlib import Path

import pytest

from tests.data.loading import linked_copy


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set, its schema folder linked (tests/data/loading.py)."""
    return linked_copy(tmp_path)
