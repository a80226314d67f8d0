"""The clause library (the playbook): one YAML file per clause category, validated with msgspec.

A user library folder is laid over the built-in one: a file there replaces the built-in file for the
same category, and new categories are added. A `_library.yaml` holding `inherit: false` makes the
folder the whole playbook. See clause_library/README.md for the schema.

The schema is msgspec structs (frozen records, validated by msgspec.convert): every analysis loads the
playbook, and msgspec is imported and its records made in a fraction of what pydantic took (~0.1 s of
each process's start-up).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, get_args, get_origin

import msgspec
import yaml
from msgspec import Meta, Struct

from ..classify.taxonomy import BY_ID
from ..extract.contract_type import TYPES as CONTRACT_TYPES
from ..perspectives import PERSPECTIVES, SEVERITIES, SEVERITY_ORDER  # noqa: F401 (re-exported)
from ..resources import builtin_library

PerspectiveName = Literal[PERSPECTIVES]  # type: ignore[valid-type]
ContractType = Literal[tuple(CONTRACT_TYPES)]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
Position = Literal["acceptable", "fallback", "unacceptable"]

# Placeholders a library text may use. Party placeholders are resolved to the contract's defined names
# ("{company}" -> "Acme Robotics" / "the Company"); "'s" may follow inside the braces ("{creator's}").
READER_ALIASES = {"reader", "employee", "creator", "customer", "you", "licensor", "author", "contributor",
                  "vendor", "provider", "consultant", "talent"}
OTHER_ALIASES = {"other", "company", "employer", "licensee", "client", "publisher", "platform", "counterparty",
                 "they", "agency"}
# employee/creator/customer name the reader; company/licensee/... the other side; provider/vendor name
# the vendor, who is the reader only in the vendor perspective (resolved in render.py).
VARIABLES = {"material", "missing_safeguards", "duration", "amount", "cap", "notice", "statutes", "document", "work",
             "work_name"}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:['\u2019]s)?\}")

Id = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]{1,60}$")]
Text = Annotated[str, Meta(min_length=3)]
Texts = Annotated[list[Text], Meta(min_length=1)]
PerspectiveText = dict[Literal[("default",) + PERSPECTIVES], Text]  # type: ignore[valid-type]
Severities = dict[PerspectiveName, Severity]


def _compiled_regexes(name: str, patterns: list[str]) -> None:
    """Every pattern in the list must compile."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{name}: bad regular expression {p!r}: {exc}") from None


class _Strict(Struct, forbid_unknown_fields=True, frozen=True):
    """A record of the schema: no field it does not know, and not changed once read."""


class Reference(_Strict, kw_only=True):
    id: Id
    title: Text
    cite: str | None = None
    url: str | None = None
    note: str | None = None


class Positions(_Strict, kw_only=True):
    acceptable: Texts
    fallback: Texts
    unacceptable: Texts


class Variant(_Strict, kw_only=True):
    severity: Severities = {}
    title: Text | None = None
    explanation: Text | PerspectiveText | None = None
    suggestion: Text | PerspectiveText | None = None
    fallback: Text | PerspectiveText | None = None
    position: Position | None = None


class MatchSpec(_Strict, kw_only=True):
    """Which clauses a declarative check looks at: labelled with any of `categories`, or matching any of
    `patterns` (regular expressions, case-insensitive); then every `require` must match, no `exclude`
    may, and the clause's polarity must be `polarity` when given."""

    categories: list[str] = []
    patterns: list[str] = []
    require: list[str] = []
    exclude: list[str] = []
    polarity: Literal["grants", "forbids", "neutral"] | None = None

    def __post_init__(self) -> None:
        bad = [c for c in self.categories if c not in BY_ID]
        if bad:
            raise ValueError(f"categories: unknown category {', '.join(bad)} (see `clausecheck categories`)")
        for name in ("patterns", "require", "exclude"):
            _compiled_regexes(name, getattr(self, name))
        if not self.categories and not self.patterns:
            raise ValueError("give at least one of categories or patterns")


class MatchParams(_Strict, kw_only=True):
    """detector: match - one finding per matching clause (or one for all of them with `group: true`)."""

    match: MatchSpec
    group: bool = False


class MissingParams(_Strict, kw_only=True):
    """detector: missing - a finding with missing: true when some clause matches `when` and no clause
    matches `satisfied_by`."""

    when: MatchSpec | None = None
    satisfied_by: MatchSpec


class Check(_Strict, kw_only=True):
    id: Id
    detector: Id
    params: dict = {}
    title: Text
    severity: Annotated[Severities, Meta(min_length=1)]
    explanation: Text | PerspectiveText
    suggestion: Text | PerspectiveText | None = None
    fallback: Text | PerspectiveText | None = None
    position: Position = "unacceptable"
    references: list[Id] | None = None  # ids of the category's references; omitted = all of them
    variants: dict[Id, Variant] = {}
    enabled: bool = True
    # The contract types the check belongs to (extract/contract_type.py); omitted = every type. A check
    # about invention assignments stays silent on platform terms, a DPA or a model licence.
    applies_to: list[ContractType] | None = None
    # How the suggestion changes the first cited clause in the redline: replace it, or add to it (after
    # deleting whatever the `strip` patterns match, e.g. "perpetual, ").
    redline: Literal["replace", "append"] = "replace"
    strip: list[str] = []

    def __post_init__(self) -> None:
        _compiled_regexes("strip", self.strip)
        if self.suggestion is None and any(s != "info" for s in self.severity.values()):
            raise ValueError("a check that can raise a low, medium or high finding needs a suggestion")

    def params_model(self) -> MatchParams | MissingParams | None:
        """The parameters of the declarative detectors, read into their records (msgspec.ValidationError
        when they do not fit)."""
        if self.detector == "match":
            return msgspec.convert(self.params, MatchParams)
        if self.detector == "missing":
            return msgspec.convert(self.params, MissingParams)
        return None


class CategoryPlaybook(_Strict, kw_only=True):
    category: Id
    name: Text
    custom: bool = False  # a category the classifier does not tag (checks rely on patterns)
    summary: Text  # what the clause does, in plain words
    why_it_matters: dict[PerspectiveName, Text]
    positions: Positions
    suggested_language: Text | None = None  # the model clause to ask for
    fallback_language: Text | None = None
    references: list[Reference] = []
    checks: list[Check] = []

    def __post_init__(self) -> None:
        if not self.custom and self.category not in BY_ID:
            raise ValueError(f"category {self.category!r} is not a clausecheck category; set `custom: true` "
                             "for a category of your own")
        missing = [p for p in PERSPECTIVES if p not in self.why_it_matters]
        if missing:
            raise ValueError(f"why_it_matters needs every perspective; missing {', '.join(missing)}")
        ref_ids = {r.id for r in self.references}
        for c in self.checks:
            unknown = [r for r in c.references or [] if r not in ref_ids]
            if unknown:
                raise ValueError(f"check {c.id}: unknown reference {', '.join(unknown)} (define it under "
                                 "references)")


def as_data(record: Struct) -> dict:
    """A record of the schema as plain data (nested records too), its fields in schema order."""
    return msgspec.to_builtins(record)


# --- what is wrong with a file: every problem msgspec finds, not only the first ------------------------------

_AT = re.compile(r"^(?P<msg>.*?)(?: - at (?:`(?P<key>key)` in )?`\$(?P<path>[^`]*)`)?$", re.DOTALL)
_MISSING = re.compile(r"^Object missing required field `(?P<name>[^`]+)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]+)`$")


def _join(loc: str, more: str) -> str:
    more = more.lstrip(".")
    if not more:
        return loc
    return f"{loc}{more}" if more.startswith("[") or not loc else f"{loc}.{more}"


def _problem(loc: str, exc: msgspec.ValidationError) -> str:
    """One line for a msgspec error at `loc` (the path of what was validated): "checks[0].title: Expected
    `str`, got `int`"."""
    m = _AT.match(str(exc))
    msg, where = m.group("msg"), _join(loc, m.group("path") or "")
    if m.group("key"):
        msg = f"{msg} (a key)"
    for rx, say in ((_MISSING, "Field required"), (_UNKNOWN, "unknown field (not in the schema)")):
        hit = rx.match(msg)
        if hit:
            where, msg = _join(where, hit.group("name")), say
    return f"{where}: {msg}" if where else msg


def _first(kind, data, loc: str) -> list[str]:
    try:
        msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        return [_problem(loc, exc)]
    return []


def _is_record(kind) -> bool:
    return isinstance(kind, type) and issubclass(kind, Struct)


def _problems_of(kind, value, loc: str) -> list[str]:
    """The problems with `value` as a `kind`: field by field for a record, record by record for a list of
    them, else msgspec's first."""
    if _is_record(kind) and isinstance(value, dict):
        return _problems(kind, value, loc)
    if get_origin(kind) is list and _is_record(get_args(kind)[0]) and isinstance(value, list):
        return [p for i, element in enumerate(value) for p in _problems_of(get_args(kind)[0], element, f"{loc}[{i}]")]
    return _first(kind, value, loc)


def _problems(kind: type[Struct], data: dict, loc: str = "") -> list[str]:
    """Every problem with `data` as a `kind` record: msgspec stops at the first, so each field is read on
    its own (a record in it, or each record of a list of them, field by field too: a category's checks);
    then, if each is fine, the record as a whole (what it checks across its fields)."""
    fields = {f.encode_name: f for f in msgspec.structs.fields(kind)}
    out = [f"{_join(loc, key)}: unknown field (not in the schema)" for key in data if key not in fields]
    for name, f in fields.items():
        if name in data:
            out += _problems_of(f.type, data[name], _join(loc, name))
        elif f.required:
            out.append(f"{_join(loc, name)}: Field required")
    return out or _first(kind, data, loc)


class Library:
    """The loaded playbook: categories by id and checks in file order."""

    def __init__(self, playbooks: dict[str, CategoryPlaybook], sources: dict[str, Path]) -> None:
        self.playbooks = playbooks
        self.sources = sources

    @property
    def checks(self) -> list[tuple[CategoryPlaybook, Check]]:
        return [(pb, c) for pb in self.playbooks.values() for c in pb.checks if c.enabled]

    def reference(self, category: str, ref_id: str) -> Reference | None:
        pb = self.playbooks.get(category)
        return next((r for r in pb.references if r.id == ref_id), None) if pb else None

    def summary(self) -> str:
        n_checks = sum(len(pb.checks) for pb in self.playbooks.values())
        n_refs = sum(len(pb.references) for pb in self.playbooks.values())
        return f"{len(self.playbooks)} categories, {n_checks} checks, {n_refs} references"


class LibraryError(Exception):
    """An unusable clause library: `problems` holds one line per problem; `builtin` says whether it is
    the library shipped with clausecheck (a broken installation, not the user's input)."""

    def __init__(self, where: str, problems: list[str], builtin: bool = False) -> None:
        self.where = where
        self.problems = problems
        self.builtin = builtin
        first = problems[0] if problems else "unknown problem"
        more = f" (and {len(problems) - 1} more; run `clausecheck library validate {where}`)" if len(problems) > 1 else ""
        self.message = f"invalid clause library: {first}{more}"
        super().__init__(where, self.message)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def __reduce__(self):
        return (type(self), (self.where, self.problems, self.builtin))


def default_dir() -> Path:
    return builtin_library()


def _load_yaml(text: str):
    """yaml.safe_load, with libyaml's C parser when PyYAML has it (ten times faster on the library)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _library_meta(path: Path, problems: list[str]) -> bool | None:
    """`inherit` from a folder's _library.yaml (None when the file is unusable)."""
    try:
        meta = _load_yaml(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML ({_yaml_msg(exc)})")
        return None
    if not isinstance(meta, dict) or set(meta) - {"inherit", "name", "description"}:
        problems.append(f"{path.name}: may hold only inherit, name and description")
        return None
    return bool(meta.get("inherit", True))


def _read_playbook(path: Path, problems: list[str]) -> CategoryPlaybook | None:
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML ({_yaml_msg(exc)})")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path.name}: must be a mapping with category, name, summary, ... at the top level")
        return None
    try:
        return msgspec.convert(data, CategoryPlaybook)
    except msgspec.ValidationError:
        problems.extend(f"{path.name}: {line}" for line in _problems(CategoryPlaybook, data))
        return None


def _check_against_detectors(path: Path, i: int, c: Check, problems: list[str]) -> None:
    """A check names a detector that exists, with parameters, variants and placeholders it knows."""
    from .detectors import DETECTORS

    where = f"{path.name}: checks[{i}] ({c.id})"
    if c.detector not in DETECTORS:
        problems.append(f"{where}: unknown detector {c.detector!r}; use one of {', '.join(sorted(DETECTORS))}")
        return
    try:
        c.params_model()
    except msgspec.ValidationError as exc:
        problems.append(f"{where}.{_problem('params', exc)}")
    det = DETECTORS[c.detector]
    extra = set(c.params) - set(det.params) if c.detector not in ("match", "missing") else set()
    if extra:
        problems.append(f"{where}: detector {c.detector} takes no parameter {', '.join(sorted(extra))}")
    unknown_variants = set(c.variants) - set(det.variants)
    if unknown_variants:
        problems.append(f"{where}: detector {c.detector} has no variant {', '.join(sorted(unknown_variants))}" +
                        (f" (it has {', '.join(det.variants)})" if det.variants else ""))
    for text in _texts(c):
        for name in _PLACEHOLDER.findall(text):
            if name not in READER_ALIASES | OTHER_ALIASES | VARIABLES:
                problems.append(f"{where}: unknown placeholder {{{name}}}")


def _read_dir(folder: Path, problems: list[str]) -> tuple[dict[str, CategoryPlaybook], dict[str, Path], bool]:
    inherit = True
    playbooks: dict[str, CategoryPlaybook] = {}
    sources: dict[str, Path] = {}
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        if path.name.startswith("_"):
            if path.stem == "_library":
                meta = _library_meta(path, problems)
                inherit = inherit if meta is None else meta
            continue
        pb = _read_playbook(path, problems)
        if pb is None:
            continue
        if pb.category != path.stem:
            problems.append(f"{path.name}: file name must be the category id ({pb.category}.yaml)")
        for i, c in enumerate(pb.checks):
            _check_against_detectors(path, i, c, problems)
        playbooks[pb.category] = pb
        sources[pb.category] = path
    return playbooks, sources, inherit


def _yaml_msg(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 1}: {problem}" if mark is not None else str(problem)


def _texts(c: Check) -> list[str]:
    out: list[str] = []
    for v in (c.title, c.explanation, c.suggestion, c.fallback,
              *(x for var in c.variants.values() for x in (var.title, var.explanation, var.suggestion, var.fallback))):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            out.extend(v.values())
    return out


def validate_dir(folder: Path | str) -> tuple[Library | None, list[str]]:
    """(library, problems) for one folder on its own (no layering); problems is empty when valid."""
    folder = Path(folder)
    if not folder.exists():
        return None, [f"{folder}: does not exist"]
    if not folder.is_dir():
        return None, [f"{folder}: is not a folder"]
    problems: list[str] = []
    playbooks, sources, _ = _read_dir(folder, problems)
    if not playbooks and not problems:
        problems.append(f"{folder}: holds no category files (*.yaml)")
    _check_unique(playbooks, problems)
    return (Library(playbooks, sources) if not problems else None), problems


def _check_unique(playbooks: dict[str, CategoryPlaybook], problems: list[str]) -> None:
    seen: dict[str, str] = {}
    for cat, pb in playbooks.items():
        for c in pb.checks:
            if c.id in seen and seen[c.id] != cat:
                problems.append(f"{cat}.yaml: check id {c.id} is also used in {seen[c.id]}.yaml")
            seen[c.id] = cat


@lru_cache(maxsize=8)
def _load_cached(user_dir: str | None, stamp: tuple) -> Library:
    base_problems: list[str] = []
    if not default_dir().is_dir():
        missing = f"{default_dir()}: the built-in clause library is missing from this installation"
        raise LibraryError(str(default_dir()), [missing], builtin=True)
    base, base_src, _ = _read_dir(default_dir(), base_problems)
    if base_problems:
        raise LibraryError(str(default_dir()), base_problems, builtin=True)
    if user_dir is None:
        return Library(base, base_src)
    folder = Path(user_dir)
    if not folder.is_dir():
        raise LibraryError(user_dir, [f"{user_dir}: {'is not a folder' if folder.exists() else 'does not exist'}"])
    problems: list[str] = []
    mine, mine_src, inherit = _read_dir(folder, problems)
    if not mine and not problems:
        problems.append(f"{user_dir}: holds no category files (*.yaml)")
    playbooks = (dict(base) if inherit else {}) | mine
    sources = (dict(base_src) if inherit else {}) | mine_src
    _check_unique(playbooks, problems)
    if problems:
        raise LibraryError(user_dir, problems)
    return Library(playbooks, sources)


def _stamp(folder: Path | None) -> tuple:
    """Modification times, so an edited library is reloaded."""
    out = []
    for d in (default_dir(), folder):
        if d is not None and d.is_dir():
            out.extend((p.name, p.stat().st_mtime_ns) for p in sorted(d.glob("*.y*ml")))
    return tuple(out)


def load_library(user_dir: str | Path | None = None) -> Library:
    """The built-in playbook with `user_dir` laid over it. Raises LibraryError (one line per problem in
    `.problems`) when a file is invalid."""
    folder = Path(user_dir) if user_dir else None
    return _load_cached(str(folder) if folder else None, _stamp(folder))
