"""Our scripts and stylesheets ship minified (macros/site/assets.py); vendored files as they came."""

import shutil
import subprocess

import pytest

from macros.site.assets import OWN_ASSET, minified
from tests.conftest import ROOT

ASSETS = ROOT / "content" / "assets"
OWN = sorted(p for p in ASSETS.rglob("*") if OWN_ASSET.fullmatch(p.relative_to(ROOT / "content").as_posix()))


def test_every_own_script_and_stylesheet_is_minified_and_no_vendored_one():
    names = {p.relative_to(ASSETS).as_posix() for p in OWN}
    assert {"assess.css", "smm.css", "smm-tables.js", "smm-profiles.js", "assess/state.js", "assess/rules.js"} <= names
    assert not [name for name in names if name.startswith("vendor/")]
    assert len([p for p in (ASSETS / "assess").glob("*.js")]) == len([n for n in names if n.startswith("assess/")])


def test_comments_and_spare_whitespace_go_and_strings_stay():
    script = '// why\nvar a = "x  // not a comment",  b = `t  ${a}`;\n/* block */ function f( ) {\n  return a;\n}\n'
    assert minified("assets/x.js", script) == 'var a="x  // not a comment",b=`t  ${a}`;function f(){return a;}'
    style = '/* why */\n.a  >  .b {\n  color: red;\n}\n[data-x="a  b"] { margin: 0 }\n'
    assert minified("assets/x.css", style) == '.a>.b{color:red}[data-x="a  b"]{margin:0}'


@pytest.mark.skipif(not shutil.which("node"), reason="needs node")
@pytest.mark.parametrize("path", [p for p in OWN if p.suffix == ".js"], ids=lambda p: p.name)
def test_each_minified_script_still_parses(path, tmp_path):
    shipped = tmp_path / path.name
    shipped.write_text(minified(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(shipped)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(shipped.read_bytes()) < len(path.read_bytes())
