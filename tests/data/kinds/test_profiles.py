"""The rules of profile folders (macros/data/kinds/profiles.py): profile.yaml, considerations,
dimensions and archetypes, each naming the message, the file and the line. Every test edits a copy
of tests/fixtures/mini."""

import shutil
from pathlib import Path

from macros.data.loader import load_model
from tests.conftest import append, edit, located
from tests.data.loading import _dimension, _items, at, only, shown, spot, value_at

# --- Considerations ------------------------------------------------------------------------------


def test_too_many_considerations_uses_the_label(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, level_two, after = _items(path, "    - id: pos-p-one-2-1", "  3:\n")
    extra = "".join(level_two.replace("pos-p-one-2-", f"pos-p-one-2-{n}") for n in ("1", "2"))
    path.write_text(before + level_two + extra[: extra.index("    - id: pos-p-one-2-22")] + after)
    line, col = spot(path, "- id: pos-p-one-2-1")
    message = "level 2's considerations has 5 item(s); it needs at most 4"
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col, message)


def test_four_considerations_are_fine(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, level_two, after = _items(path, "    - id: pos-p-one-2-1", "  3:\n")
    extra = level_two.replace("pos-p-one-2-2", "pos-p-one-2-4").replace("pos-p-one-2-1", "pos-p-one-2-3")
    path.write_text(before + level_two + extra + after)
    assert len(load_model(mini).profile("pos").considerations("p-one", 2)) == 4


def test_a_level_needs_at_least_one_consideration(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, _, after = _items(path, "    - id: pos-p-one-2-1", "  3:\n")
    path.write_text(before.replace("  2:\n", "  2: []\n") + after)
    line, col = spot(path, "[]")
    message = "level 2's considerations has 0 item(s); it needs at least 1"
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col, message)


def test_one_consideration_at_a_level_is_fine(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, _, after = _items(path, "    - id: pos-p-one-2-2", "  3:\n")
    path.write_text(before + after)
    assert [c.id for c in load_model(mini).profile("pos").considerations("p-one", 2)] == ["pos-p-one-2-1"]


def test_a_profile_may_leave_levels_out(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, _, after = _items(path, "  2:\n", "  4:\n")
    path.write_text(before + after)
    profile = load_model(mini).profile("pos")
    assert sorted(profile.practices["p-one"]) == [1, 4]
    assert profile.considerations("p-one", 3) == ()


def test_a_practice_file_needs_at_least_one_level(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("levels:")] + "levels: {}\n")
    line, col = spot(path, "{}")
    message = "'levels' is empty; it needs at least 1 key(s)"
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col, message)


def test_a_profile_may_leave_practices_out(mini):
    """The water-plant fixture profile has a file for p-two only: p-one has no file and no considerations."""
    assert not (mini / "profiles/water-plant/practices/p-one.yaml").exists()
    profile = load_model(mini).profile("water-plant")
    assert list(profile.practices) == ["p-two"] and profile.considerations("p-one", 1) == ()


# --- Dimensions ----------------------------------------------------------------------------------


def test_minimum_number_of_options(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("      - id: hypermarket")])
    assert only(mini) == (
        "profiles/pos/dimensions.yaml",
        *spot(path, "- id: kiosk"),
        "'options' has 1 item(s); it needs at least 2",
    )


KIOSK_EFFECTS = """        effects:
          - practice: p-one
            direction: down
            why: One terminal is easy to list.
"""


def test_an_option_may_have_no_effect_with_a_reason(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    edit(path, KIOSK_EFFECTS, "        no_effect: A kiosk changes nothing the baseline does not cover.\n")
    kiosk = load_model(mini).profile("pos").dimensions[0].options[0]
    assert kiosk.effects == () and kiosk.no_effect == "A kiosk changes nothing the baseline does not cover."
    assert load_model(mini).profile("pos").dimensions[0].options[1].no_effect is None


def test_an_option_without_effects_or_reason(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    edit(path, KIOSK_EFFECTS, "")
    message = "option 'kiosk' needs 'effects', or 'no_effect' with the reason it moves no target"
    assert only(mini) == ("profiles/pos/dimensions.yaml", *value_at(path, "id: kiosk"), message)


def test_an_option_with_effects_and_no_effect(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    line = edit(path, KIOSK_EFFECTS, KIOSK_EFFECTS + "        no_effect: Nothing changes.\n") + 4
    message = "option 'kiosk' has both 'effects' and 'no_effect'; keep the effects, or the reason it has none"
    assert only(mini) == ("profiles/pos/dimensions.yaml", line, 9, message)


def test_an_empty_effects_list_still_needs_an_item(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    line = edit(path, KIOSK_EFFECTS, "        effects: []\n        no_effect: Nothing changes.\n")
    assert ("profiles/pos/dimensions.yaml", line, 18, "'effects' has 0 item(s); it needs at least 1") in located(mini)


def test_an_empty_no_effect_reason(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    line = edit(path, KIOSK_EFFECTS, '        no_effect: ""\n')
    assert only(mini) == ("profiles/pos/dimensions.yaml", line, 20, "'no_effect' must not be empty")


# --- Files: named by their profile folder and practice -------------------------------------------


def test_profile_id_must_match_the_folder_name(mini):
    (mini / "profiles/pos").rename(mini / "profiles/shop")
    assert only(mini) == ("profiles/shop/profile.yaml", 2, 5, "id 'pos' must match the folder name 'shop'")


def test_profile_practice_must_match_the_file_name(mini):
    folder = mini / "profiles/pos/practices"
    (folder / "p-one.yaml").rename(folder / "p-two.yaml")
    assert only(mini) == (
        "profiles/pos/practices/p-two.yaml",
        2,
        11,
        "practice 'p-one' must match the file name 'p-two'",
    )


def test_profile_practice_for_an_unknown_practice(mini):
    folder = mini / "profiles/pos/practices"
    (folder / "p-one.yaml").rename(folder / "p-three.yaml")
    line = edit(folder / "p-three.yaml", "practice: p-one", "practice: p-three")
    text = (folder / "p-three.yaml").read_text()
    (folder / "p-three.yaml").write_text(text.replace("id: pos-p-one-", "id: pos-p-three-"))
    # Practices come from several files: the choices, without a single home.
    message = "unknown practice 'p-three'; choose from: p-one, p-two"
    # (Whatever referred to the renamed consideration ids may complain too: only the profile is looked at.)
    in_profiles = [problem for problem in located(mini) if problem[0].startswith("profiles/")]
    assert in_profiles == [("profiles/pos/practices/p-three.yaml", line, 11, message)]


# --- Archetypes: every dimension and every practice, nothing else --------------------------------


def test_archetype_missing_a_dimension(mini):
    append(mini / "profiles/pos/dimensions.yaml", _dimension("payment", ("cash", "card")))
    path = mini / "profiles/pos/archetypes.yaml"
    first, second = spot(path, "characterization:"), spot(path, "characterization:", 2)
    message = "missing dimension(s): payment"
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", *first, message),
        ("profiles/pos/archetypes.yaml", *second, message),
    ]


def test_archetype_unknown_dimension(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    line = edit(path, "store-size: kiosk", "store-sise: kiosk")
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", line - 1, 5, "missing dimension(s): store-size"),
        ("profiles/pos/archetypes.yaml", line, 7, "unknown dimension 'store-sise'; did you mean 'store-size'?"),
    ]


def test_archetype_missing_a_practice(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    target = "      p-two: {level: 0, why: Nothing to manage on one kiosk., "
    target += "deviation: The kiosk runs no software of its own.}"
    edit(path, f"{target}\n  - id: big-box", "  - id: big-box")
    assert only(mini) == ("profiles/pos/archetypes.yaml", *spot(path, "targets:"), "missing practice(s): p-two")


def test_archetype_unknown_practice_points_at_the_key(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    extra = "      p-three:\n        level: 1\n        why: Not a practice.\n"
    line = edit(path, "  - id: big-box", extra + "  - id: big-box")
    assert only(mini) == (
        "profiles/pos/archetypes.yaml",
        line,
        7,
        "unknown practice 'p-three'; choose from: p-one, p-two",
    )


# --- Archetypes: the practices their assessment leaves out ------------------------------------


def _out_of_scope(mini: Path, lines: str) -> tuple[Path, int]:
    path = mini / "profiles/pos/archetypes.yaml"
    return path, edit(path, "  - id: big-box", f"    out_of_scope:\n{lines}  - id: big-box") + 1


def test_archetype_out_of_scope_with_its_reasons(mini):
    _out_of_scope(mini, "      p-two: The landlord's contractor runs the kiosk.\n")
    corner, big_box = load_model(mini).profile("pos").archetypes
    assert dict(corner.out_of_scope) == {"p-two": "The landlord's contractor runs the kiosk."}
    assert dict(big_box.out_of_scope) == {}


def test_archetype_out_of_scope_reasons_are_not_empty(mini):
    _, line = _out_of_scope(mini, "      p-one: ''\n      p-two: '   '\n")
    message = "'{}' '{}' is not valid: give a reason, not only spaces"
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", line, 14, message.format("p-one", "")),
        ("profiles/pos/archetypes.yaml", line + 1, 14, message.format("p-two", "   ")),
    ]


def test_archetype_out_of_scope_unknown_practice_points_at_the_key(mini):
    _, line = _out_of_scope(mini, "      p-three: Not a practice.\n      p-tow: A typo.\n")
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", line, 7, "unknown practice 'p-three'; choose from: p-one, p-two"),
        ("profiles/pos/archetypes.yaml", line + 1, 7, "unknown practice 'p-tow'; did you mean 'p-two'?"),
    ]


# --- Profiles: folders, and ids scoped to one profile --------------------------------------------


def test_profile_folder_without_profile_yaml(mini):
    (mini / "profiles/pos/profile.yaml").unlink()
    # Each file of the folder says so once; its tags, ids and targets are not checked further.
    message = "this profile folder has no profile.yaml"
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", 2, 1, message),
        ("profiles/pos/dimensions.yaml", 2, 1, message),
        ("profiles/pos/practices/p-one.yaml", 2, 1, message),
    ]


def copy_profile(mini: Path, name: str) -> Path:
    """A second profile folder with its own profile and consideration ids; all else as in `pos`."""
    folder = mini / "profiles" / name
    shutil.copytree(mini / "profiles/pos", folder)
    edit(folder / "profile.yaml", "id: pos\n", f"id: {name}\n")
    edit(folder / "profile.yaml", "id_prefix: pos\n", f"id_prefix: {name}\n")
    practice = folder / "practices/p-one.yaml"
    practice.write_text(practice.read_text().replace("id: pos-", f"id: {name}-"))
    return folder


def test_second_profile_may_reuse_tag_dimension_option_and_archetype_ids(mini):
    copy_profile(mini, "pos2")
    model = load_model(mini)
    first, second = model.profile("pos"), model.profile("pos2")
    options = [[o.id for o in dim.options] for dim in first.dimensions]
    assert options == [[o.id for o in dim.options] for dim in second.dimensions] == [["kiosk", "hypermarket"]]
    assert [a.id for a in first.archetypes] == [a.id for a in second.archetypes]
    assert [t.id for t in first.tags] == [t.id for t in second.tags]


def test_same_option_twice_in_one_dimension_of_the_second_profile(mini):
    folder = copy_profile(mini, "pos2")
    line = edit(folder / "dimensions.yaml", "id: hypermarket", "id: kiosk")
    first_line = spot(folder / "dimensions.yaml", "id: kiosk")[0]
    message = (
        f"option id 'kiosk' is already used in {shown(folder / 'dimensions.yaml')}:{first_line}; ids must be unique"
    )
    assert at(mini, "profiles/pos2/dimensions.yaml", message) == (line, 13)
    # pos is untouched; pos2's archetype that chose the lost option is told what remains.
    assert {rel for rel, *_ in located(mini)} == {"profiles/pos2/dimensions.yaml", "profiles/pos2/archetypes.yaml"}


def test_same_option_id_in_two_dimensions_of_one_profile(mini):
    append(mini / "profiles/pos/dimensions.yaml", _dimension("payment", ("kiosk", "hypermarket")))
    path = mini / "profiles/pos/archetypes.yaml"
    for option in ("kiosk", "hypermarket"):
        edit(path, f"      store-size: {option}\n", f"      store-size: {option}\n      payment: {option}\n")
    model = load_model(mini)
    assert [dim.id for dim in model.profile("pos").dimensions] == ["store-size", "payment"]
    assert dict(model.profile("pos").archetypes[0].characterization) == {"store-size": "kiosk", "payment": "kiosk"}


def test_second_profile_with_the_same_profile_id(mini):
    folder = copy_profile(mini, "pos2")
    edit(folder / "profile.yaml", "id: pos2\nname: Point of Sale Profile\n", "name: Point of Sale Profile\nid: pos\n")
    message = f"profile id 'pos' is already used in {shown(mini / 'profiles/pos/profile.yaml')}:2; ids must be unique"
    assert at(mini, "profiles/pos2/profile.yaml", message) == (3, 5)
    assert at(mini, "profiles/pos2/profile.yaml", "id 'pos' must match the folder name 'pos2'") == (3, 5)


def test_tags_are_scoped_to_their_profile(mini):
    folder = copy_profile(mini, "pos2")
    edit(folder / "profile.yaml", "id: store\n", "id: shelf\n")
    lines = (folder / "practices/p-one.yaml").read_text().splitlines()
    home = shown(folder / "profile.yaml")
    message = f"unknown tag 'store'; defined in {home}: shelf, terminal"
    expected = [
        ("profiles/pos2/practices/p-one.yaml", number, line.index("store") + 1, message)
        for number, line in enumerate(lines, start=1)
        if "tags:" in line and "store" in line
    ]
    # pos still defines store: only pos2's five uses are unknown.
    assert len(expected) == 5
    assert located(mini) == expected


# --- One mistake, one problem: broken profile files claim their ids ------------------------------


def test_broken_profile_yaml_does_not_make_tags_unknown(mini):
    line = edit(mini / "profiles/pos/profile.yaml", "scope: industry-specific", "scope: shop")
    message = "'scope' must be one of: industry-specific, system-specific"
    assert only(mini) == ("profiles/pos/profile.yaml", line, 8, message)


def test_unreadable_profile_yaml_does_not_make_tags_unknown(mini):
    (mini / "profiles/pos/profile.yaml").write_bytes(b"id: [pos\n")
    rel, line, _, message = only(mini)
    assert (rel, line) == ("profiles/pos/profile.yaml", 2) and message.startswith("YAML syntax:")


def test_broken_dimensions_do_not_make_archetype_dimensions_or_options_unknown(mini):
    line = edit(mini / "profiles/pos/dimensions.yaml", "direction: down", "direction: lower")
    assert only(mini) == ("profiles/pos/dimensions.yaml", line, 24, "'direction' must be one of: up, down")


def test_broken_profile_claims_only_its_own_tags(mini):
    folder = copy_profile(mini, "pos2")
    edit(mini / "profiles/pos/profile.yaml", "scope: industry-specific", "scope: shop")
    edit(folder / "practices/p-one.yaml", "tags: [store]\n  2:", "tags: [stor]\n  2:")
    assert [(rel, message) for rel, _, _, message in located(mini)] == [
        ("profiles/pos/profile.yaml", "'scope' must be one of: industry-specific, system-specific"),
        ("profiles/pos2/practices/p-one.yaml", "unknown tag 'stor'; did you mean 'store'?"),
    ]
