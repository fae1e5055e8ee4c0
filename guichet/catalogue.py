"""The procedure catalogue: loaded from one YAML file and validated at start."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SourceId = Literal[
    "etat_civil", "contact", "caf", "dgfip", "cpam", "ants", "electoral", "france_travail"
]
EffectId = Literal[
    "issue_document", "update_contact", "register", "book_appointment", "create_ticket",
    "grant_benefit", "reject_demand", "adjust_tax", "disclose_record", "handoff", "notify",
]
FieldType = Literal[
    "choice", "date", "insee", "address", "country", "amount", "integer", "year",
    "child_name", "road_category", "location", "plate",
]


class CatalogueError(ValueError):
    """The catalogue file is invalid; the message names the line and the reason."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    label: str
    category: Literal["identity", "contact", "social", "tax", "health", "civic"]
    sensitive: bool
    fields: list[str]


class Effect(_Strict):
    label: str
    sensitive: bool
    write: bool


class FormField(_Strict):
    name: str
    type: FieldType
    required: bool = True
    prefill: str | None = None
    default: Any = None
    choices: list[str] | None = None
    question: str | None = None

    @model_validator(mode="after")
    def _askable(self) -> FormField:
        # A required field must be obtainable: from records, a default, or the citizen.
        if self.required and self.default is None and not (self.question or self.prefill):
            raise ValueError(f"required field {self.name!r} needs a prefill, default or question")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"choice field {self.name!r} needs choices")
        return self


class Form(_Strict):
    title: str
    fields: list[FormField]


class Silence(_Strict):
    after_days: int = Field(gt=0)
    means: Literal["accord", "rejet"]


class Procedure(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z-]+$")
    label: str
    authority: str
    legal_basis: str
    records: dict[SourceId, list[str]]
    form: str | None
    effects: list[EffectId]
    delay_days: int = Field(gt=0)
    silence: Silence | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    documents: list[str] = Field(default_factory=list)
    examples: list[str] = Field(min_length=3)
    # Everyday names, old names and acronyms ("CMU" for the CSS), and the words that, in
    # the same sentence, give those names another sense ("carte vitale" is no identity card).
    names: list[str] = Field(default_factory=list)
    not_when: list[str] = Field(default_factory=list)
    # Days a closed case of this procedure keeps its personal data (guichet/retention.py);
    # unset: the deployment's GUICHET_RETENTION_DAYS.
    retention_days: int | None = Field(default=None, ge=0, le=36_500)

    @property
    def sensitive_sources(self) -> list[str]:
        return [s for s in self.records if s in _SENSITIVE_SOURCES]


_SENSITIVE_SOURCES = {"caf", "dgfip", "cpam", "france_travail"}


class Ambiguity(_Strict):
    """A word that names several démarches ("la carte"): alone in a sentence, without one
    of the words that settle it, the citizen is asked `question` rather than guessed at."""

    words: list[str] = Field(min_length=1)
    unless: list[str] = Field(default_factory=list)
    procedures: list[str] = Field(min_length=2)
    question: str = Field(min_length=10)


class Renewal(_Strict):
    """A document the records hold with an expiry: its holder is reminded once, this many
    days before, with the procedure that renews it (guichet/outreach.py)."""

    document: str = Field(pattern=r"^[a-z][a-z-]+$")
    label: str
    record: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")  # source.field, a dict with `expiry`
    notice_days: int = Field(gt=0, le=730)
    procedure: str


class Catalogue(_Strict):
    version: Literal[1]
    sources: dict[SourceId, Source]
    effects: dict[EffectId, Effect]
    authorities: dict[str, str]
    appeal: str
    algorithm_notice: str
    human_contact: str
    forms: dict[str, Form]
    procedures: list[Procedure]
    ambiguous: list[Ambiguity] = Field(default_factory=list)
    # Démarches people ask for that no procedure here handles: handed to a person.
    outside: list[str] = Field(default_factory=list)
    renewals: list[Renewal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [p.id for p in self.procedures]
        if len(ids) != len(set(ids)):
            raise ValueError("procedure ids must be unique")
        for r in self.renewals:
            if r.procedure not in ids:
                raise ValueError(f"renewal {r.document}: unknown procedure {r.procedure!r}")
            if r.record.split(".")[0] not in self.sources:
                raise ValueError(f"renewal {r.document}: unknown source in {r.record!r}")
        for p in self.procedures:
            if p.authority not in self.authorities:
                raise ValueError(f"{p.id}: unknown authority {p.authority!r}")
            if p.form is not None and p.form not in self.forms:
                raise ValueError(f"{p.id}: unknown form {p.form!r}")
            for source, fields in p.records.items():
                unknown = set(fields) - set(self.sources[source].fields)
                if unknown:
                    raise ValueError(f"{p.id}: unknown fields {sorted(unknown)} in {source}")
        for a in self.ambiguous:
            unknown = set(a.procedures) - set(ids)
            if unknown:
                raise ValueError(f"ambiguous {a.words}: unknown procedures {sorted(unknown)}")
        for name, form in self.forms.items():
            for f in form.fields:
                if f.prefill and f.prefill.split(".")[0] not in self.sources:
                    raise ValueError(f"form {name}: field {f.name} prefills from unknown source")
        return self

    def procedure(self, procedure_id: str) -> Procedure:
        for p in self.procedures:
            if p.id == procedure_id:
                return p
        raise KeyError(procedure_id)

    @property
    def procedure_ids(self) -> list[str]:
        return [p.id for p in self.procedures]

    def is_sensitive(self, effect: str) -> bool:
        e = self.effects.get(effect)  # type: ignore[call-overload]  # str keys checked here
        return bool(e and e.sensitive)


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The 1-based line of the YAML node a validation error points at (best effort)."""
    current = node
    for key in loc:
        if isinstance(current, yaml.MappingNode):
            nxt = next((v for k, v in current.value if k.value == key), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
            nxt = current.value[key] if key < len(current.value) else None
        else:
            nxt = None
        if nxt is None:
            break
        current = nxt
    return current.start_mark.line + 1


def parse_catalogue(text: str, *, name: str = "catalogue.yaml") -> Catalogue:
    """Validate catalogue text; a bad file raises CatalogueError naming line and reason."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise CatalogueError(f"{name}:{line}: {exc.problem}") from exc
    if node is None:
        raise CatalogueError(f"{name}:1: empty catalogue")
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        line = _line_of(node, tuple(first["loc"]))
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogueError(f"{name}:{line}: {where}: {first['msg']}") from exc


def load_catalogue(path: Path | None = None) -> Catalogue:
    if path is None:
        text = resources.files("guichet").joinpath("catalogue.yaml").read_text(encoding="utf-8")
        return parse_catalogue(text)
    return parse_catalogue(path.read_text(encoding="utf-8"), name=str(path))


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    """The packaged catalogue, parsed once per process."""
    return load_catalogue()
