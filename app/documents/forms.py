"""The annex models in ``forms/``: load the TOML files, check them, pick the version in force.

Each ``forms/annex-NN.toml`` holds a list of ``[[version]]`` tables (``applies_from``, ``annex``,
``extension_boxes``, ``[version.text]`` and optional ``[version.variant.<name>]``);
``forms/common.toml`` holds the texts every annex shares, versioned the same way. Every text
exists in French, Dutch and German, with the same ``{placeholders}`` in each; a text is a
string or a list of paragraphs. A later royal decree's model is one more ``[[version]]``.

A commune's legal officer may correct the wording without a new release: a folder of form
overrides (the machine configuration's ``form_overrides``) holds files named like the
built-in ones, each replacing the built-in file of its name. An override passes the same
checks (every text in every language, known placeholders, the same in each language) and
must keep every placeholder, variant and extension box the built-in form has, so that it
cannot drop a date the paper must show. Each loaded version knows its files
(:class:`FormSource`), and the paper's footer names them.
"""

from __future__ import annotations

import hashlib
import logging
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.documents.locale_format import LANGUAGES

logger = logging.getLogger(__name__)

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
ANNEXES = ("41", "49", "50", "51")
COMMON_FILE = "common.toml"
COVER_LIST_FILE = "cover-list.toml"
#: The files a form override folder may hold, each replacing the built-in one of its name.
FORM_FILES = (COMMON_FILE, *(f"annex-{annex}.toml" for annex in ANNEXES), COVER_LIST_FILE)

#: Family relationships the annex 51 of a family member prints (app.domain.model.Relationship),
#: each with a neutral text and one for a man and a woman (``relationship_child_f``).
RELATIONSHIPS = ("spouse", "partner", "child", "parent", "other")
#: What a holder hands in at a first registration (app.domain.model.HandedIn), for annex 49.
HANDED_IN = ("none", "residence_card", "residence_document")
REQUIRED_TEXTS = frozenset(
    {
        "kingdom",
        "commune",
        "heading",
        "title",
        "legal_basis",
        "register_label",
        "identity_heading",
        "label_surname",
        "label_given_names",
        "label_birth_date",
        "label_birth_place",
        "label_nationality",
        "label_national_number",
        "label_sex",
        "label_address",
        "label_card",
        "label_residence_card",
        "sex_m",
        "sex_f",
        "body",
        "place_date",
        "signatory",
        "signature_label",
        "seal_label",
        "form_builtin",
        "form_override",
        "mark_annulled",
        "mark_annulled_detail",
        "mark_duplicate",
        "mark_duplicate_detail",
    }
)
OPTIONAL_TEXTS = frozenset(
    {
        "validity",
        "missing_documents_intro",
        "notice",
        "family_line",
        "extension_box",
        "extension_date",
        "label_relationship",
        *(f"relationship_{code}{sex}" for code in RELATIONSHIPS for sex in ("", "_m", "_f")),
        *(f"handed_in_{kind}" for kind in HANDED_IN),
    }
)
EXTENSION_TEXTS = frozenset({"extension_box", "extension_date"})
PLACEHOLDERS = frozenset(
    {
        "commune",
        "issued_on",
        "valid_until",
        "permit_expiry",
        "renewal_filed_on",
        "handed_in_document",
        "handed_in_number",
        "family_of",
        "extended_until",
        "form_files",
        "annulled_on",
        "annulled_reason",
        "copied_on",
        "register_number",
    }
)

Texts = Mapping[str, Mapping[str, tuple[str, ...]]]  # name -> language -> paragraphs
Wording = Mapping[str, tuple[str, ...]]  # name -> paragraphs, in one language


class FormError(ValueError):
    """A form file is incomplete or malformed; the message names the file and the text."""


@dataclass(frozen=True)
class FormSource:
    """Where one form file was read: built in, or the commune's override (with the day the
    file was last changed and its SHA-256, which the paper's footer prints)."""

    file: str  # "annex-49.toml"
    override: bool = False
    sha256: str = ""
    modified: date | None = None

    def describe(self) -> str:
        """Language-neutral: ``annex-49.toml 2026-05-04 sha256:4f3a9c12e0b1``."""
        day = f" {self.modified.isoformat()}" if self.modified else ""
        return f"{self.file}{day} sha256:{self.sha256[:12]}"


@dataclass(frozen=True)
class FormVersion:
    """One model of one annex, from ``applies_from`` until the next version."""

    annex: str
    applies_from: date
    extension_boxes: int
    texts: Texts
    variants: Mapping[str, Texts]
    sources: tuple[FormSource, ...] = ()  # the annex's file and common.toml, once merged

    def wording(self, language: str, variant: str = "") -> Wording:
        """Every text of this version in one language, the variant's texts taking precedence."""
        if self.variants and variant not in self.variants:
            raise ValueError(
                f"annex {self.annex} needs a variant among {sorted(self.variants)}, got {variant!r}"
            )
        if not self.variants and variant:
            raise ValueError(f"annex {self.annex} has no variant {variant!r}")
        merged = {**self.texts, **self.variants.get(variant, {})}
        return MappingProxyType({name: text[language] for name, text in merged.items()})


@dataclass(frozen=True)
class FormSet:
    """All versions of all annexes, plus the shared texts."""

    common: tuple[tuple[date, Texts], ...]
    annexes: Mapping[str, tuple[FormVersion, ...]]
    sources: Mapping[str, FormSource] = MappingProxyType({})  # file name -> where it was read

    def in_force(self, annex: str, on: date) -> FormVersion:
        """The version of ``annex`` in force on ``on``, with the shared texts merged in."""
        version = _latest(self.annexes.get(annex, ()), on, lambda v: v.applies_from)
        if version is None:
            raise LookupError(f"no model of annex {annex} in force on {on.isoformat()}")
        common = _latest(self.common, on, lambda c: c[0])
        shared = common[1] if common else {}
        files = (f"annex-{annex}.toml", COMMON_FILE)
        return FormVersion(
            version.annex,
            version.applies_from,
            version.extension_boxes,
            MappingProxyType({**shared, **version.texts}),
            version.variants,
            tuple(self.sources.get(name, FormSource(name)) for name in files),
        )

    @property
    def overridden(self) -> tuple[FormSource, ...]:
        """The files read from the commune's override folder."""
        return tuple(source for source in self.sources.values() if source.override)


def _latest(items: Any, on: date, start: Any) -> Any:
    candidates = [item for item in items if start(item) <= on]
    return max(candidates, key=start) if candidates else None


def load_forms(directory: Path = FORMS_DIR, overrides: Path | None = None) -> FormSet:
    """Read and check ``common.toml`` and every ``annex-NN.toml`` of ``directory``, each
    replaced by the file of the same name in ``overrides`` when there is one.

    Raises :class:`FormError` with a sentence naming the file and the text at fault; an
    override that fails a check is refused, never half used."""
    files = form_files(directory, overrides)
    fingerprint = tuple(
        (name, _fingerprint(path)) for name, (path, override) in sorted(files.items()) if override
    )
    return _load(directory, overrides, fingerprint)


def _fingerprint(path: Path) -> str:
    """What decides whether an override must be read again: its bytes and its date."""
    try:
        return f"{hashlib.sha256(path.read_bytes()).hexdigest()}:{path.stat().st_mtime_ns}"
    except OSError as error:
        raise FormError(f"{path.name} (override): cannot be read ({error.strerror})") from None


def form_files(
    directory: Path = FORMS_DIR, overrides: Path | None = None
) -> dict[str, tuple[Path, bool]]:
    """Each form file's path, and whether it is the commune's override."""
    files = {name: (directory / name, False) for name in FORM_FILES}
    if overrides is None:
        return files
    if not overrides.is_dir():
        raise FormError(f"the form override folder {overrides} does not exist")
    for path in sorted(overrides.glob("*.toml")):
        if path.name not in files:
            raise FormError(
                f"the form override folder {overrides} holds {path.name}, which is not a form "
                f"of PermitDesk (the files it may hold: {', '.join(FORM_FILES)})"
            )
        files[path.name] = (path, True)
    return files


@cache
def _load(
    directory: Path, overrides: Path | None, fingerprint: tuple[tuple[str, str], ...]
) -> FormSet:
    files = form_files(directory, overrides)
    if overrides is None or not fingerprint:
        return _read(files)
    builtin = _load(directory, None, ())
    try:
        forms = _read(files)
        _check_against_builtin(forms, builtin)
    except FormError as error:
        raise FormError(f"the form overrides in {overrides} are refused: {error}") from None
    logger.info(
        "form overrides from %s: %s",
        overrides,
        ", ".join(source.describe() for source in forms.overridden),
    )
    return forms


def _read(files: Mapping[str, tuple[Path, bool]]) -> FormSet:
    sources = {name: _source(path, override) for name, (path, override) in files.items()}
    path, _override = files[COMMON_FILE]
    label = _label(COMMON_FILE, files)
    common = tuple(
        (version["applies_from"], _texts(version.get("text", {}), f"{label}[{i}]"))
        for i, version in enumerate(_versions(path, label))
    )
    annexes = {}
    for annex in ANNEXES:
        name = f"annex-{annex}.toml"
        path, _override = files[name]
        label = _label(name, files)
        annexes[annex] = tuple(
            _annex_version(version, annex, f"{label}[{i}]")
            for i, version in enumerate(_versions(path, label))
        )
    forms = FormSet(common, MappingProxyType(annexes), MappingProxyType(sources))
    for versions in annexes.values():
        for version in versions:
            _check_complete(forms, version, _label(f"annex-{version.annex}.toml", files))
    logger.debug("loaded forms %s", ", ".join(str(path) for path, _ in files.values()))
    return forms


def _label(name: str, files: Mapping[str, tuple[Path, bool]]) -> str:
    return f"{name} (override)" if files[name][1] else name


def _source(path: Path, override: bool) -> FormSource:
    if not override:
        return FormSource(path.name)
    try:
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError as error:
        raise FormError(f"{path.name} (override): cannot be read ({error.strerror})") from None
    return FormSource(path.name, True, hashlib.sha256(data).hexdigest(), modified)


def _check_against_builtin(forms: FormSet, builtin: FormSet) -> None:
    """An override keeps what the built-in form prints: each placeholder of each text, each
    variant, the number of extension boxes (the law's, R9)."""
    for source in forms.overridden:
        if source.file == COMMON_FILE:
            ours = _placeholders(*(texts for _day, texts in forms.common))
            theirs = _placeholders(*(texts for _day, texts in builtin.common))
            _compare(ours, theirs, f"{source.file} (override)")
        elif source.file.startswith("annex-"):
            annex = source.file.removeprefix("annex-").removesuffix(".toml")
            base = builtin.annexes[annex][-1]
            for index, version in enumerate(forms.annexes[annex]):
                where = f"{source.file} (override)[{index}]"
                if version.extension_boxes != base.extension_boxes:
                    raise FormError(
                        f"{where}: extension_boxes must stay {base.extension_boxes} "
                        f"(the royal decree's number of extensions), found "
                        f"{version.extension_boxes}"
                    )
                if set(version.variants) != set(base.variants):
                    raise FormError(
                        f"{where}: the variants must stay {sorted(base.variants) or 'none'}, "
                        f"found {sorted(version.variants) or 'none'}"
                    )
                _compare(_placeholders(version.texts), _placeholders(base.texts), where)
                for variant, texts in version.variants.items():
                    _compare(
                        _placeholders(texts),
                        _placeholders(base.variants[variant]),
                        f"{where}.variant.{variant}",
                    )


def _placeholders(*texts: Texts) -> dict[str, frozenset[str]]:
    """name -> the placeholders its French text uses (the same in every language)."""
    found: dict[str, frozenset[str]] = {}
    for group in texts:
        for name, by_language in group.items():
            found[name] = found.get(name, frozenset()) | _fields(by_language["fr"])
    return found


def _compare(
    ours: Mapping[str, frozenset[str]], theirs: Mapping[str, frozenset[str]], where: str
) -> None:
    for name, needed in sorted(theirs.items()):
        if name not in ours:
            raise FormError(
                f"{where}: the text {name} is missing; the built-in form has it, and an "
                "override may change the words, not leave out what the paper must show"
            )
        lost = needed - ours[name]
        if lost:
            missing = ", ".join(f"{{{field}}}" for field in sorted(lost))
            raise FormError(
                f"{where}: {name} lacks {missing}, which the built-in form prints; an override "
                "may change the words, not drop what the paper must show"
            )


def form_in_force(
    annex: str, on: date, directory: Path = FORMS_DIR, forms: FormSet | None = None
) -> FormVersion:
    """Shortcut: the version of ``annex`` in force on ``on`` (of ``forms`` when given)."""
    return (forms or load_forms(directory)).in_force(annex, on)


def _versions(path: Path, label: str) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as file:
            versions = tomllib.load(file).get("version")
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FormError(f"{label}: {error}") from error
    if not isinstance(versions, list) or not versions:
        raise FormError(f"{label}: no [[version]]")
    for i, version in enumerate(versions):
        if not isinstance(version, dict) or not isinstance(version.get("applies_from"), date):
            raise FormError(f"{label}[{i}]: applies_from must be a date (YYYY-MM-DD)")
    return versions


def _annex_version(raw: dict[str, Any], annex: str, where: str) -> FormVersion:
    if str(raw.get("annex")) != annex:
        raise FormError(f"{where}: annex must be {annex!r}, found {raw.get('annex')!r}")
    boxes = raw.get("extension_boxes")
    if not isinstance(boxes, int) or isinstance(boxes, bool) or boxes < 0:
        raise FormError(f"{where}: extension_boxes must be a whole number >= 0")
    raw_variants = raw.get("variant", {})
    if not isinstance(raw_variants, dict):
        raise FormError(f"{where}: variant must be a table of [version.variant.<name>]")
    variants = {
        name: _texts(texts, f"{where}.variant.{name}") for name, texts in raw_variants.items()
    }
    return FormVersion(
        annex,
        raw["applies_from"],
        boxes,
        _texts(raw.get("text", {}), where),
        MappingProxyType(variants),
    )


def _texts(raw: Any, where: str) -> Texts:
    if not isinstance(raw, dict):
        raise FormError(f"{where}: text must be a table of name.fr / name.nl / name.de")
    texts = {}
    for name, by_language in raw.items():
        if name not in REQUIRED_TEXTS | OPTIONAL_TEXTS:
            raise FormError(f"{where}: unknown text {name!r}")
        if not isinstance(by_language, dict):
            raise FormError(f"{where}: {name} must have fr, nl and de")
        texts[name] = MappingProxyType(
            {lang: _paragraphs(by_language, lang, f"{where}: {name}") for lang in LANGUAGES}
        )
        if len({_fields(text) for text in texts[name].values()}) != 1:
            raise FormError(f"{where}: {name} has different placeholders in fr, nl and de")
    return MappingProxyType(texts)


def _paragraphs(by_language: dict[str, Any], language: str, where: str) -> tuple[str, ...]:
    text = by_language.get(language)
    paragraphs = (text,) if isinstance(text, str) else tuple(text or ())
    if not paragraphs or not all(isinstance(p, str) and p.strip() for p in paragraphs):
        raise FormError(f"{where}.{language} is missing or empty")
    unknown = set().union(*(_fields((p,)) for p in paragraphs)) - PLACEHOLDERS
    if unknown:
        raise FormError(f"{where}.{language}: unknown placeholder(s) {sorted(unknown)}")
    return paragraphs


def fields_of(paragraphs: tuple[str, ...]) -> frozenset[str]:
    """The ``{placeholders}`` the paragraphs use."""
    return _fields(paragraphs)


def _fields(paragraphs: tuple[str, ...]) -> frozenset[str]:
    try:
        return frozenset(
            field for p in paragraphs for _, field, _, _ in string.Formatter().parse(p) if field
        )
    except ValueError as error:
        raise FormError(f"bad placeholder in {paragraphs!r}: {error}") from error


def _check_complete(forms: FormSet, version: FormVersion, label: str) -> None:
    merged = forms.in_force(version.annex, version.applies_from)
    required = REQUIRED_TEXTS | (EXTENSION_TEXTS if version.extension_boxes else frozenset())
    for variant in merged.variants or {"": {}}:
        missing = required - set(merged.texts) - set(merged.variants.get(variant, {}))
        if missing:
            variant_label = f" (variant {variant})" if variant else ""
            raise FormError(
                f"{label}, version of {version.applies_from}{variant_label}: "
                f"missing {sorted(missing)}"
            )
