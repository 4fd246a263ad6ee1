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


def test_another_schema_gets_its_own_validator(tmp_cache):
    cache.schema_validator(SCHEMA)
    other = {**SCHEMA, "properties": {"id": {"type": "integer"}}}
    validate = cache.schema_validator(other)
    validate({"id": 1})
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate({"id": "x"})
    assert len(list((tmp_cache / "schemas").iterdir())) == 2


@pytest.mark.parametrize(("module", "name"), [(fastjsonschema, "VERSION"), (cache.sys, "version")])
def test_the_compiler_and_python_versions_are_in_the_key(tmp_cache, monkeypatch, module, name):
    """Code compiled by another fastjsonschema or Python is not reused: marshal data is version-bound."""
    cache.schema_validator(SCHEMA)
    monkeypatch.setattr(module, name, getattr(module, name) + "-other")
    cache.schema_validator(SCHEMA)({"id": "x"})
    assert len(list((tmp_cache / "schemas").iterdir())) == 2


def test_the_cache_lives_in_the_environment_that_runs_the_build():
    expected = cache.Path(cache.sys.prefix) / "var" / "cache" / "smm-guide"
    assert expected == cache.CACHE_DIR


def test_cache_folders_are_one_per_kind(tmp_cache):
    assert cache.cache_dir("schemas") == tmp_cache / "schemas"
    assert cache.cache_dir("workbooks") == tmp_cache / "workbooks"
    assert (tmp_cache / "workbooks").is_dir()


def test_the_same_schema_written_in_another_key_order_reuses_its_validator(tmp_cache):
    cache.schema_validator(SCHEMA)
    reordered = {"required": ["id"], "properties": {"id": {"type": "string"}}, "type": "object"}
    cache.schema_validator(reordered)({"id": "x"})
    assert len(list((tmp_cache / "schemas").iterdir())) == 1


def test_a_cache_entry_that_cannot_be_written_still_validates(tmp_cache, monkeypatch):
    """A cache folder owned by someone else: the entry is not saved and validation goes on."""

    def refuse(self, data):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(cache.Path, "write_bytes", refuse)
    validate = cache.schema_validator(SCHEMA)
    validate({"id": "x"})
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate({})
    assert not list((tmp_cache / "schemas").iterdir())
