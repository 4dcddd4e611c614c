"""A residence card read at the counter, set against what the database holds.

:func:`find_holder` matches the card to a holder by national number; :func:`differences`
lists, field by field, what the card says that the record does not (a new card number, a
new address, a new validity, another spelling of a name); :func:`apply_differences` writes
the ones the clerk accepted, in one transaction, through :mod:`app.services.files` (which
writes the audit entries). :func:`create_from_card` records a holder met for the first time.

The card's photo is never stored: the counter only shows it while the card is in.
No Qt here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.card.data import CardData
from app.card.doctypes import Kind, document_type
from app.card.errors import BelgianCard, NotAResidenceCard
from app.card.saved import read_saved_card
from app.domain.birth_dates import PartialDate
from app.domain.model import Address, Holder, Permit
from app.services import files
from app.services.desk import Desk

logger = logging.getLogger(__name__)

HOLDER_FIELDS: tuple[str, ...] = (
    "surname",
    "given_names",
    "birth_date",
    "birth_place",
    "nationality",
    "sex",
    "address",
)
"""The holder's fields a card can correct (``address`` is street, postal code and town;
``birth_date`` is a date or, when the register knows it in part, a
:class:`~app.domain.birth_dates.PartialDate`)."""

PERMIT_FIELDS: tuple[str, ...] = (
    "card_number",
    "card_type",
    "valid_from",
    "expiry",
    "labour_market",
    "regional_file_number",
    "employer_vat_1",
    "employer_vat_2",
    "issuing_municipality",
    "special_status",
    "member_of_family",
)
"""The permit's fields a card can correct; a new ``card_number`` is a new permit row."""

CARD_NUMBER = "card_number"


@dataclass(frozen=True)
class Difference:
    """One field on which the card and the record disagree.

    ``with_card_number``: this validity field belongs to a new card; it is saved, with the
    rest of the new card, exactly when the new card number is accepted.
    """

    field: str
    on_record: Any
    on_card: Any
    with_card_number: bool = False


def check_residence_card(card: CardData) -> None:
    """Raise :class:`~app.card.errors.BelgianCard` for a Belgian citizen's eID or Kids-ID,
    :class:`~app.card.errors.NotAResidenceCard` for a bootstrap or habilitation card: none
    of them is a residence card. Every foreigner's card (A to N, EU, EU+, the children's
    cards 61-69) and an unknown type pass: the clerk sees what the card says."""
    found = document_type(card.document_type) if card.document_type else None
    if found is None:
        return
    if found.kind is Kind.BELGIAN:
        raise BelgianCard()
    if found.kind is Kind.OTHER:
        raise NotAResidenceCard(found.en.lower())


def read_saved(path: Path | str) -> CardData:
    """A card the eID viewer saved (``.eid``), marked unverified; raises a CardError
    (:mod:`app.card.saved`) for a file that is not one, damaged or hostile."""
    card = read_saved_card(path)
    logger.info("card read from a saved file (unverified)")
    return card


def find_holder(desk: Desk, card: CardData) -> Holder | None:
    """The holder with the card's national number, or None when nobody has it."""
    if not card.national_number:
        return None
    return desk.store.find_holder(card.national_number)


def record_permit(desk: Desk, holder_id: int, card_number: str) -> Permit | None:
    """The holder's permit for this card number, else their latest one (None: no permit)."""
    permits = desk.store.permits_of(holder_id)
    for permit in permits:
        if permit.card_number == card_number:
            return permit
    return max(permits, key=lambda p: p.expiry) if permits else None


def card_permit(card: CardData, holder_id: int | None) -> Permit | None:
    """The permit the card is, for ``holder_id``; None when the card is not a single permit
    (no labour-market mention or no end of validity)."""
    try:
        _holder, permit = card.to_domain()
    except ValueError as error:
        logger.info("card is not a single permit: %s", error)
        return None
    permit.holder_id = holder_id
    return permit


def new_holder(card: CardData, nationality: str | None) -> Holder:
    """The (unsaved) holder the card describes; ``nationality`` is the ISO code chosen for
    the card's nationality text (the card's own match when None)."""
    holder = Holder(
        surname=card.surname,
        given_names=card.given_names,
        birth_date=card.birth_date,
        birth_date_partial=card.birth_date_partial,
        birth_place=card.birth_place,
        nationality=nationality or card.nationality or "",
        national_number=card.national_number or None,
        sex=card.sex,
        address=Address(card.street, card.postal_code, card.municipality),
    )
    return holder


def create_from_card(desk: Desk, holder: Holder, card: CardData) -> tuple[Holder, Permit | None]:
    """Save the holder (as the clerk confirmed it) and the card's permit, one transaction."""
    with desk.store.transaction():
        saved = files.save_holder(desk, holder)
        permit = card_permit(card, saved.id)
        if permit is not None:
            permit = files.save_permit(desk, permit)
    logger.info("holder %s created from a card", saved.id)
    return saved, permit


def _holder_values(card: CardData, nationality: str | None) -> dict[str, Any]:
    """What the card says of each holder field; a blank field says nothing."""
    values: dict[str, Any] = {
        "surname": card.surname,
        "given_names": card.given_names,
        "birth_date": card.birth_date or card.birth_date_partial,
        "birth_place": card.birth_place,
        "nationality": nationality or card.nationality,
        "sex": card.sex,
    }
    address = Address(card.street, card.postal_code, card.municipality)
    if address != Address():
        values["address"] = address
    return {name: value for name, value in values.items() if value}


def _agrees(on_record: Any, on_card: Any) -> bool:
    """The same value; or a birth date the card knows in part that the record's complete
    date fits (the record is more precise: nothing to correct)."""
    if isinstance(on_card, PartialDate) and isinstance(on_record, date):
        return on_record.year == on_card.year and on_card.month in (None, on_record.month)
    return bool(on_record == on_card)


def _on_record(holder: Holder, name: str) -> Any:
    if name == "birth_date":
        return holder.birth_date or holder.birth_date_partial
    return getattr(holder, name)


def _permit_values(permit: Permit) -> dict[str, Any]:
    values = {name: getattr(permit, name) for name in PERMIT_FIELDS}
    return {name: value for name, value in values.items() if value}


def differences(
    desk: Desk, holder: Holder, card: CardData, nationality: str | None = None
) -> list[Difference]:
    """Every field on which the card says something else than the record, holder first.

    ``nationality`` is the ISO code chosen for the card's text (the card's match when None;
    no nationality row when neither is known). A card number the holder's permits do not
    have is a new card: its number heads the permit rows, the others go with it.
    """
    found = [
        Difference(name, _on_record(holder, name), value)
        for name, value in _holder_values(card, nationality).items()
        if not _agrees(_on_record(holder, name), value)
    ]
    assert holder.id is not None
    on_card = card_permit(card, holder.id)
    if on_card is None:
        return found
    recorded = record_permit(desk, holder.id, card.card_number)
    new_card = recorded is None or recorded.card_number != card.card_number
    for name, value in _permit_values(on_card).items():
        before = getattr(recorded, name) if recorded is not None else None
        if before != value:
            linked = new_card and name != CARD_NUMBER
            found.append(Difference(name, before, value, with_card_number=linked))
    return found


def apply_differences(
    desk: Desk,
    holder: Holder,
    card: CardData,
    accepted: Iterable[str],
    nationality: str | None = None,
) -> tuple[Holder, Permit | None]:
    """Save the accepted fields (names from :func:`differences`) in one transaction.

    Accepted holder fields change the holder; an accepted new card number adds the card as
    a new permit (with its own validity and mention); validity fields of the same card
    change that permit. Returns the holder and the permit written (None: no permit change).
    """
    chosen = set(accepted)
    assert holder.id is not None
    card_holder = _holder_values(card, nationality)
    holder_changes = {
        name: card_holder[name] for name in HOLDER_FIELDS if name in chosen and name in card_holder
    }
    if "birth_date" in holder_changes:  # a complete date, or one known in part: never both
        birth = holder_changes.pop("birth_date")
        partial = isinstance(birth, PartialDate)
        holder_changes["birth_date"] = None if partial else birth
        holder_changes["birth_date_partial"] = birth if partial else None
    on_card = card_permit(card, holder.id)
    permit: Permit | None = None
    with desk.store.transaction():
        if holder_changes:
            holder = files.save_holder(desk, replace(holder, **holder_changes))
        if on_card is not None:
            assert holder.id is not None
            recorded = record_permit(desk, holder.id, card.card_number)
            if recorded is not None and recorded.card_number == card.card_number:
                card_values = _permit_values(on_card)
                changes = {
                    name: card_values[name]
                    for name in PERMIT_FIELDS
                    if name in chosen and name in card_values
                }
                if changes:
                    permit = files.save_permit(desk, replace(recorded, **changes))
            elif CARD_NUMBER in chosen:
                permit = files.save_permit(desk, on_card)
    logger.info(
        "card differences applied to holder %s: %s", holder.id, ", ".join(sorted(chosen)) or "none"
    )
    return holder, permit
