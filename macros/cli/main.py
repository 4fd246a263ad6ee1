"""`smm-guide`: validate the data, generate the site's Markdown, export the model, report an assessment."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from macros.assessment import ReportError, make_report
from macros.assessment.oscal_results import assessment_results
from macros.data.loader import load, load_model
from macros.data.problems import DataError, print_problems
from macros.data.scaffold import MARKER, PRACTICE_FILES_NOTE, ScaffoldError, new_framework, new_profile, unfinished
from macros.model.records import Model
from macros.outputs import checklists, oscal
from macros.outputs.export import export_json, model_version
from macros.outputs.pages import BuildContext
from macros.outputs.workbook import workbook_bytes
from macros.review.diff import diff, load_side, to_markdown
from macros.review.lint import SIMILAR, lint, omissions
from macros.review.releases import read_history
from macros.rules import selection
from macros.site.build import write_tree

SUMMARY = "{count} problem(s) found."


def _load(data_dir: str) -> Model | None:
    try:
        return load_model(data_dir)
    except DataError as error:
        print_problems(error, SUMMARY)
        return None


def _validate(args: argparse.Namespace) -> int:
    model = _load(args.data_dir)
    if model is None:
        return 1
    indicators = sum(len(block.indicators) for p in model.practices for block in p.levels.values())
    considerations = sum(len(items) for pr in model.profiles for lv in pr.practices.values() for items in lv.values())
    counts = (
        f"{len(model.practices)} practices, {indicators} indicators, {len(model.profiles)} profile(s), "
        f"{considerations} considerations"
    )
    print(f"{args.data_dir}: ok ({counts})")
    return 0


def _lint(args: argparse.Namespace) -> int:
    try:
        loaded = load(args.data_dir)
    except DataError as error:
        print_problems(error, SUMMARY)
        return 1
    for note in omissions(loaded):
        print(str(note).replace(": error: ", ": info: ", 1))
    findings = lint(loaded, args.threshold)
    for finding in findings:
        print(str(finding).replace(": error: ", ": lint: ", 1), file=sys.stderr)
    if findings:
        print(f"{len(findings)} finding(s).", file=sys.stderr)
        return 1
    print(f"{args.data_dir}: no findings")
    return 0


def _generate(args: argparse.Namespace) -> int:
    model = _load(args.data)
    if model is None:
        return 1
    try:
        data_dir = Path(args.data)
        build = BuildContext(history=read_history(data_dir, model))
        written = write_tree(model, Path(args.content), Path(args.out), data_dir=data_dir, build=build)
    except DataError as error:
        print_problems(error, SUMMARY)
        return 1
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _emit(text: str, out: str) -> int:
    """Write a command's result to `out`, or to standard output when `out` is -."""
    if out == "-":
        sys.stdout.write(text)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    model = _load(args.data)
    if model is None:
        return 1
    if args.format == "oscal":
        return _write_oscal(model, Path(args.out))
    if args.format == "oscal-results":
        if not args.file:
            print(
                "smm-guide: export oscal-results needs the assessment file: export oscal-results FILE --out OUT",
                file=sys.stderr,
            )
            return 2
        try:
            text = assessment_results(model, args.file)
        except ReportError as error:
            print("\n".join([*map(str, error.problems), SUMMARY.format(count=len(error.problems))]), file=sys.stderr)
            return 1
        return _emit(text, args.out)
    return _emit(export_json(model), args.out)


def _write_oscal(model: Model, out: Path) -> int:
    """The OSCAL files into one folder, named as on the site (they import each other by name)."""
    files = oscal.files(model)
    for path, text in files.items():
        target = out / path.rsplit("/", 1)[-1]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} OSCAL files to {out}")
    return 0


def _report(args: argparse.Namespace) -> int:
    model = _load(args.data)
    if model is None:
        return 1
    try:
        text = make_report(model, args.file, args.format)
    except ReportError as error:
        print("\n".join([*map(str, error.problems), SUMMARY.format(count=len(error.problems))]), file=sys.stderr)
        return 1
    return _emit(text, args.out)


def _portfolio(args: argparse.Namespace) -> int:
    from macros.assessment.portfolio_files import read_portfolio
    from macros.assessment.portfolio_rendering import render

    if args.format in ("xlsx", "csv") and args.out == "-":
        where = "a folder, which gets one CSV file per table" if args.format == "csv" else "the .xlsx file"
        print(f"smm-guide: error: --format {args.format} needs --out: {where}", file=sys.stderr)
        return 2
    if args.group and not args.group_by:
        print(
            "smm-guide: error: --group keeps some groups: say which field makes them with --group-by", file=sys.stderr
        )
        return 2
    model = _load(args.data)
    if model is None:
        return 1
    try:
        portfolio = read_portfolio(
            model,
            args.paths,
            group_by=args.group_by,
            only=args.group or (),
            framework=args.framework,
            skip_invalid=args.skip_invalid,
        )
    except ReportError as error:
        print("\n".join([*map(str, error.problems), SUMMARY.format(count=len(error.problems))]), file=sys.stderr)
        return 1
    for rejected in portfolio.rejected:
        print(
            f"smm-guide: rejected {rejected.path}: {len(rejected.problems)} problem(s), listed in the report",
            file=sys.stderr,
        )
    content = render(model, portfolio, args.format)
    if isinstance(content, dict):
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for name, csv_text in content.items():
            (out / name).write_text(csv_text, encoding="utf-8", newline="")
        print(f"wrote {len(content)} CSV files to {out}: {', '.join(content)}")
        return 0
    if isinstance(content, bytes):
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_bytes(content)
        print(f"wrote {args.out}")
        return 0
    return _emit(content, args.out)


def _ids(given: str | None) -> list[str]:
    """Ids given as "a,b" (spaces allowed); none when the option is left out."""
    return [part.strip() for part in (given or "").split(",") if part.strip()]


def _practices(model: Model, given: str | None) -> list[str]:
    """The practice ids asked for, in the model's order (all when none is asked for)."""
    known, asked = [p.id for p in model.practices], _ids(given)
    unknown = [p for p in asked if p not in known]
    twice = sorted({p for p in asked if asked.count(p) > 1})
    problems = [f"unknown practice '{p}'" for p in unknown] + [f"practice '{p}' is named twice" for p in twice]
    if problems:
        raise selection.SelectionError(f"{'; '.join(problems)}; valid practice ids: {', '.join(known)}")
    return [p for p in known if p in asked] if asked else known


def _checklist(args: argparse.Namespace) -> int:
    model = _load(args.data)
    if model is None:
        return 1
    try:
        chosen = selection.choose(model, _ids(args.profiles))
        practice_ids = _practices(model, args.practices)
    except selection.SelectionError as error:
        print(f"smm-guide: error: {error}", file=sys.stderr)
        return 1
    rows = checklists.rows(model, practice_ids, chosen)
    version = model_version(model)
    content: str | bytes
    if args.format == "xlsx":
        content = workbook_bytes(model, chosen, practice_ids, version, rows)
    elif args.format == "csv":
        content = checklists.to_csv(rows)
    else:
        content = checklists.to_html(model, chosen, rows, version)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        out.write_bytes(content)
    else:
        out.write_text(content, encoding="utf-8", newline="")
    print(f"wrote {out}: {chosen.title}, {len(practice_ids)} practice(s), {len(rows)} items")
    return 0


def _scaffold(args: argparse.Namespace) -> int:
    model = _load(args.data)
    if model is None:
        return 1
    data_dir = Path(args.data)
    try:
        if args.command == "new-profile":
            written = new_profile(model, data_dir, args.id, args.prefix or args.id.split("-")[0])
        else:
            written = new_framework(model, data_dir, args.id)
    except ScaffoldError as error:
        print(f"smm-guide: {error}", file=sys.stderr)
        return 1
    check = _load(args.data)
    if check is None:
        return 1
    print(f"wrote {len(written)} file(s); they validate. Still to write (smm-guide lint lists each place):")
    for path, count in unfinished(written):
        if count:
            print(f"  {path}: {count} x {MARKER}")
    if args.command == "new-profile":
        print(PRACTICE_FILES_NOTE)
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        old, new = load_side(args.old, Path(args.repo)), load_side(args.new, Path(args.repo))
    except DataError as error:
        print_problems(error, SUMMARY)
        return 1
    return _emit(to_markdown(diff(old, new), args.old, args.new), args.out or "-")


def _portfolio_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from macros.assessment.portfolio_files import DATE_RULE, GROUP_FIELDS, SYSTEM_RULE

    fields = "; ".join(f"{name}: {what}" for name, what in GROUP_FIELDS.items())
    portfolio = commands.add_parser(
        "portfolio",
        help="many assessments (any mix of .json, .xlsx, .csv) across systems, practices, requirements and dates",
        description="Systems x practices, each practice across the portfolio, the requirements of a framework not "
        f"yet met (--framework), every system over time, and the files read. {SYSTEM_RULE} {DATE_RULE} Files of "
        "another model version are read with the resume rules and named in the report. Any invalid file: every "
        "problem of every file is listed, exit code 1 and nothing written, unless --skip-invalid.",
    )
    portfolio.add_argument(
        "paths", nargs="+", metavar="FILE|DIR", help="assessment files, or folders searched at any depth"
    )
    portfolio.add_argument(
        "--format",
        choices=["md", "html", "xlsx", "csv"],
        default="md",
        help="Markdown (default), a standalone HTML "
        "page, an XLSX workbook (one sheet per table) or CSV (one file per table, into the --out folder)",
    )
    portfolio.add_argument("--out", default="-", help="output file (csv: folder), or - for standard output (md, html)")
    portfolio.add_argument("--group-by", choices=list(GROUP_FIELDS), help=f"group the tables by a field: {fields}")
    portfolio.add_argument(
        "--group", action="append", metavar="VALUE", help="keep only this group of --group-by (repeat for more)"
    )
    portfolio.add_argument("--framework", metavar="ID", help="add the table of this framework's requirements not met")
    portfolio.add_argument(
        "--skip-invalid", action="store_true", help="report the valid files; list the rejected ones at the top"
    )
    portfolio.add_argument("--data", default="data", help="data folder (default: data)")
    portfolio.set_defaults(run=_portfolio)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smm-guide", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every data file; list all problems as path:line:col")
    validate.add_argument("data_dir", nargs="?", default="data", help="data folder (default: data)")
    validate.set_defaults(run=_validate)

    lint_command = commands.add_parser(
        "lint", help="content checks: near-duplicates, targets against their characterization, wording, mappings"
    )
    lint_command.add_argument("data_dir", nargs="?", default="data", help="data folder (default: data)")
    lint_command.add_argument(
        "--threshold", type=float, default=SIMILAR, help=f"similarity that counts as a duplicate (default {SIMILAR})"
    )
    lint_command.set_defaults(run=_lint)

    generate = commands.add_parser("generate", help="write all pages and downloads as Markdown, without MkDocs")
    generate.add_argument("--out", required=True, help="output folder")
    generate.add_argument("--data", default="data", help="data folder (default: data)")
    generate.add_argument("--content", default="content", help="hand-written pages (default: content)")
    generate.set_defaults(run=_generate)

    export = commands.add_parser(
        "export",
        help="export the validated model (json: one file; oscal: a folder of OSCAL 1.2.1 files), or a saved "
        "assessment as OSCAL assessment-results (oscal-results FILE)",
    )
    export.add_argument("format", choices=["json", "oscal", "oscal-results"], help="export format")
    export.add_argument(
        "file", nargs="?", help="oscal-results: the assessment JSON exported by the self-assessment page"
    )
    export.add_argument("--out", required=True, help="output file (oscal: folder), or - for standard output")
    export.add_argument("--data", default="data", help="data folder (default: data)")
    export.set_defaults(run=_export)

    report = commands.add_parser(
        "report",
        help="achieved levels, gaps and next steps of a filled assessment workbook (.xlsx), checklist CSV "
        "or self-assessment page export (.json)",
    )
    report.add_argument(
        "file", help="assessment workbook (.xlsx), checklist CSV (.csv) or JSON exported by the self-assessment page"
    )
    report.add_argument("--format", choices=["md", "html"], default="md", help="Markdown (default) or an HTML page")
    report.add_argument("--out", default="-", help="output file, or - for standard output (default)")
    report.add_argument("--data", default="data", help="data folder (default: data)")
    report.set_defaults(run=_report)

    _portfolio_parser(commands)

    checklist = commands.add_parser(
        "checklist", help="a checklist of any profiles and practices, as a workbook, CSV or printable HTML page"
    )
    checklist.add_argument("--profiles", help="profile ids separated by commas (default: none, the general guidance)")
    checklist.add_argument("--practices", help="practice ids separated by commas (default: every practice)")
    checklist.add_argument("--format", choices=["xlsx", "csv", "html"], required=True, help="file format")
    checklist.add_argument("--out", required=True, help="output file")
    checklist.add_argument("--data", default="data", help="data folder (default: data)")
    checklist.set_defaults(run=_checklist)

    diff_command = commands.add_parser("diff", help="what a change does to the model, by id, as Markdown")
    diff_command.add_argument("old", help="data folder or git ref (e.g. origin/main)")
    diff_command.add_argument("new", help="data folder or git ref (e.g. HEAD)")
    diff_command.add_argument("--out", help="write the Markdown here instead of standard output")
    diff_command.add_argument("--repo", default=".", help="git repository for refs (default: .)")
    diff_command.set_defaults(run=_diff)

    for name, what in (("new-profile", "a profile folder"), ("new-framework", "a framework file and its source")):
        scaffold = commands.add_parser(name, help=f"write {what} to fill in; never overwrites")
        scaffold.add_argument("id", help="the new id (lowercase letters, digits, single hyphens)")
        scaffold.add_argument("--data", default="data", help="data folder (default: data)")
        if name == "new-profile":
            scaffold.add_argument("--prefix", help="prefix of its consideration ids (default: the id's first word)")
        scaffold.set_defaults(run=_scaffold)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run  # every command's set_defaults names one
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
