"""Scaffolds validate as soon as they are written, list what remains, and overwrite nothing."""

import shutil

from macros.cli.main import main
from macros.data.loader import load, load_model
from macros.review.lint import lint
from tests.conftest import MINI


def test_new_profile_validates_and_lint_lists_what_to_write(mini, capsys):
    assert main(["new-profile", "retail", "--prefix", "rt", "--data", str(mini)]) == 0
    out = capsys.readouterr().out
    assert "they validate" in out and "profiles/retail/profile.yaml: 7 x FILL IN" in out
    assert "delete practices/<practice-id>.yaml for every practice the profile adds nothing to" in out
    model = load_model(mini)
    profile = model.profile("retail")
    assert profile.id_prefix == "rt" and set(profile.practices) == {"p-one", "p-two"}
    assert profile.considerations("p-one", 3)[0].id == "rt-p-one-3-1"
    assert profile.combine_with == ("fw-one",) and profile.uncertainty.startswith("FILL IN")
    practice_file = (mini / "profiles/retail/practices/p-one.yaml").read_text()
    assert "\n  1:\n" in practice_file and "'1':" not in practice_file, "level keys are numbers"
    unfinished = [p for p in lint(load(mini)) if "unfinished" in p.message]
    assert len(unfinished) == 7 + 2 * 24 + 9 + 4


def test_a_scaffolded_profile_may_drop_practice_files(mini, capsys):
    assert main(["new-profile", "retail", "--prefix", "rt", "--data", str(mini)]) == 0
    (mini / "profiles/retail/practices/p-two.yaml").unlink()
    profile = load_model(mini).profile("retail")
    assert set(profile.practices) == {"p-one"}


def test_new_framework_validates_and_cites_its_source(mini, capsys):
    before = (mini / "references.yaml").read_text()
    assert main(["new-framework", "iso-x", "--data", str(mini)]) == 0
    model = load_model(mini)
    assert model.framework("iso-x").references == ("iso-x-source",)
    assert (mini / "references.yaml").read_text().startswith(before)
    assert "frameworks/iso-x.yaml: 10 x FILL IN" in capsys.readouterr().out


def test_scaffolds_refuse_to_overwrite(mini, capsys):
    assert main(["new-profile", "pos", "--data", str(mini)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert main(["new-framework", "fw-one", "--data", str(mini)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert load_model(mini) is not None


def test_scaffold_needs_valid_data(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "glossary.yaml").write_text("")
    assert main(["new-profile", "x", "--data", str(data)]) == 1
    assert "glossary.yaml:1:1: error: file is empty" in capsys.readouterr().err
    assert not (data / "profiles" / "x").exists()
