import pytest

from macros.data.loader import load_model
from tests.conftest import MINI


@pytest.fixture(scope="module")
def mini_model():
    return load_model(MINI)
