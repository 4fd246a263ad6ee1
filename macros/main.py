"""mkdocs-macros module: the same model and helpers for hand-written pages that opt in."""

from __future__ import annotations

from .loader import load_model_cached
from .site import content_helpers, data_dir_for


def define_env(env) -> None:
    model = load_model_cached(data_dir_for(env.conf.config_file_path))

    def current() -> dict:
        return content_helpers(model, env.page.file.src_uri)

    env.variables["model"] = model
    for name in ("practice_link", "level_link", "profile_link", "page_link"):
        env.macro(lambda *args, _name=name, **kwargs: current()[_name](*args, **kwargs), name)
