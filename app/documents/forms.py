"""The annex models in ``forms/``: load the TOML files, check them, pick the version in force.

Each ``forms/annex-NN.toml`` holds a list of ``[[version]]`` tables (``applies_from``, ``annex``,
``extension_boxes``, ``[version.text]`` and optional ``[version.variant.<name>]``);
``forms/common.toml`` holds the texts every annex shares, versioned the same way. Every text
exists in French, Dutch and German, with the same ``{placeholders}`` in each; a text is a
string or a list of paragraphs. A later royal decree's model is one more ``[[version]]``.
"""

from __future__ import annotations

import logging
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.documents.locale_format import LANGUAGES

logger = logging.getLogger(__name__)

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
ANNEXES = ("41", "49", "50", "51")

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
        "sex_m",
        "sex_f",
        "body",
        "place_date",
        "signatory",
        "signature_label",
        "seal_label",
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
        "family_of",
        "extended_until",
    }
)

Texts = Mapping[str, Mapping[str, tuple[str, ...]]]  # name -> language -> paragraphs
Wording = Mapping[str, tuple[str, ...]]  # name -> paragraphs, in one language


class FormError(ValueError):
    """A form file is incomplete or malformed; the message names the file and the text."""


@dataclass(frozen=True)
class FormVersion:
    """One model of one annex, from ``applies_from`` until the next version."""

    annex: str
    applies_from: date
    extension_boxes: int
    texts: Texts
    variants: Mapping[str, Texts]

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

    def in_force(self, annex: str, on: date) -> FormVersion:
        """The version of ``annex`` in force on ``on``, with the shared texts merged in."""
        version = _latest(self.annexes.get(annex, ()), on, lambda v: v.applies_from)
        if version is None:
            raise LookupError(f"no model of annex {annex} in force on {on.isoformat()}")
        common = _latest(self.common, on, lambda c: c[0])
        shared = common[1] if common else {}
        return FormVersion(
            version.annex,
            version.applies_from,
            version.extension_boxes,
            MappingProxyType({**shared, **version.texts}),
            version.variants,
        )


def _latest(items: Any, on: date, start: Any) -> Any:
    candidates = [item for item in items if start(item) <= on]
    return max(candidates, key=start) if candidates else None


@cache
def load_forms(directory: Path = FORMS_DIR) -> FormSet:
    """Read and check ``common.toml`` and every ``annex-NN.toml`` of ``directory``."""
    common = tuple(
        (version["applies_from"], _texts(version.get("text", {}), f"common.toml[{i}]"))
        for i, version in enumerate(_versions(directory / "common.toml"))
    )
    annexes = {}
    for annex in ANNEXES:
        path = directory / f"annex-{annex}.toml"
        annexes[annex] = tuple(
            _annex_version(version, annex, f"{path.name}[{i}]")
            for i, version in enumerate(_versions(path))
        )
    forms = FormSet(common, MappingProxyType(annexes))
    for versions in annexes.values():
        for version in versions:
            _check_complete(forms, version)
    logger.debug("loaded forms from %s", directory)
    return forms


def form_in_force(annex: str, on: date, directory: Path = FORMS_DIR) -> FormVersion:
    """Shortcut: the version of ``annex`` in force on ``on``."""
    return load_forms(directory).in_force(annex, on)


def _versions(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as file:
            versions = tomllib.load(file).get("version")
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FormError(f"{path.name}: {error}") from error
    if not isinstance(versions, list) or not versions:
        raise FormError(f"{path.name}: no [[version]]")
    for i, version in enumerate(versions):
        if not isinstance(version.get("applies_from"), date):
            raise FormError(f"{path.name}[{i}]: applies_from must be a date (YYYY-MM-DD)")
    return versions


def _annex_version(raw: dict[str, Any], annex: str, where: str) -> FormVersion:
    if str(raw.get("annex")) != annex:
        raise FormError(f"{where}: annex must be {annex!r}, found {raw.get('annex')!r}")
    boxes = raw.get("extension_boxes")
    if not isinstance(boxes, int) or boxes < 0:
        raise FormError(f"{where}: extension_boxes must be a whole number >= 0")
    variants = {
        name: _texts(texts, f"{where}.variant.{name}")
        for name, texts in raw.get("variant", {}).items()
    }
    return FormVersion(
        annex,
        raw["applies_from"],
        boxes,
        _texts(raw.get("text", {}), where),
        MappingProxyType(variants),
    )


def _texts(raw: dict[str, Any], where: str) -> Texts:
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


def _fields(paragraphs: tuple[str, ...]) -> frozenset[str]:
    try:
        return frozenset(
            field for p in paragraphs for _, field, _, _ in string.Formatter().parse(p) if field
        )
    except ValueError as error:
        raise FormError(f"bad placeholder in {paragraphs!r}: {error}") from error


def _check_complete(forms: FormSet, version: FormVersion) -> None:
    merged = forms.in_force(version.annex, version.applies_from)
    required = REQUIRED_TEXTS | (EXTENSION_TEXTS if version.extension_boxes else frozenset())
    for variant in merged.variants or {"": {}}:
        missing = required - set(merged.texts) - set(merged.variants.get(variant, {}))
        if missing:
            label = f" (variant {variant})" if variant else ""
            raise FormError(
                f"annex-{version.annex}.toml, version of {version.applies_from}{label}: "
                f"missing {sorted(missing)}"
            )
