import fastjsonschema
import pytest

from macros.data import cache


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


SCHEMA = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}


def test_validator_is_compiled_once_and_reused(tmp_cache):
    first = cache.schema_validator(SCHEMA)
    (entry,) = (tmp_cache / "schemas").iterdir()
    stamp = entry.stat().st_mtime_ns
    second = cache.schema_validator(SCHEMA)
    assert entry.stat().st_mtime_ns == stamp
    for validate in (first, second):
        validate({"id": "x"})
        with pytest.raises(fastjsonschema.JsonSchemaException):
            validate({"id": 1})


def test_corrupt_cache_entry_is_recompiled(tmp_cache):
    cache.schema_validator(SCHEMA)
    (entry,) = (tmp_cache / "schemas").iterdir()
    entry.write_bytes(b"not marshal data")
    with pytest.raises(fastjsonschema.JsonSchemaException):
        cache.schema_validator(SCHEMA)({})


def test_unwritable_cache_still_validates(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(cache, "CACHE_DIR", blocker / "cache")
    assert cache.cache_dir("schemas") is None
    cache.schema_validator(SCHEMA)({"id": "x"})
