"""Configurations for building the Markdown tree of `smm-guide generate` without our MkDocs hook:
with plain MkDocs Material (the benchmark's baseline) or with Zensical (`make zensical`), our
tested way off Material for MkDocs when it reaches end of life."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` tags as their defaults."""


def _env_default(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Any:
    return loader.construct_sequence(node)[-1]


_EnvLoader.add_constructor("!ENV", _env_default)


def plain_config(docs: Path, site: Path, tooltips: dict[str, str] | None = None, *, relative: bool = False) -> Path:
    """mkdocs.yml for the generated Markdown: same theme and extensions, no hook, no macros.

    `tooltips` gives the glossary abbreviations to Markdown's abbr extension (for a tree written
    without them in the pages). `relative` writes the config beside `docs` as `mkdocs.yml` with
    relative paths and its own copy of the theme overrides, as Zensical expects.
    """
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = ["search"]
    config["nav"] = yaml.safe_load((docs / "nav.yml").read_text(encoding="utf-8"))["nav"]
    (docs / "nav.yml").unlink()
    if tooltips:
        config["markdown_extensions"] = [
            {"abbr": {"glossary": tooltips}} if extension == "abbr" else extension
            for extension in config["markdown_extensions"]
        ]
    if relative:
        shutil.copytree(ROOT / "overrides", docs.parent / "overrides", dirs_exist_ok=True)
        config.update(docs_dir=docs.name, site_dir=site.name)
        config["theme"]["custom_dir"] = "overrides"
        path = docs.parent / "mkdocs.yml"
    else:
        config.update(docs_dir=str(docs), site_dir=str(site))
        config["theme"]["custom_dir"] = str(ROOT / "overrides")
        path = docs.parent / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def main() -> int:
    """`python -m macros.site.engines OUT`: the generated tree and a Zensical config in OUT (docs/, mkdocs.yml)."""
    import sys

    from macros.data.loader import load_model
    from macros.outputs.pages import BuildContext
    from macros.review.releases import read_history
    from macros.site.build import data_dir_for, write_tree

    out = Path(sys.argv[1])
    shutil.rmtree(out, ignore_errors=True)
    data_dir = data_dir_for(str(ROOT / "mkdocs.yml"))
    model = load_model(data_dir)
    build = BuildContext(history=read_history(data_dir, model))
    write_tree(model, ROOT / "content", out / "docs", data_dir=data_dir, build=build)
    print(plain_config(out / "docs", out / "site", relative=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
