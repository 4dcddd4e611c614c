"""The ``CKA_LABEL`` of each data object the Belgian eID middleware exposes.

Spelled exactly as in Fedict/eid-mw ``cardcomm/pkcs11/src/beidlabels.h``; every object is
``CKO_DATA`` and its ``CKA_VALUE`` holds the raw bytes of the card's file.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

SURNAME = "surname"
FIRSTNAMES = "firstnames"
THIRD_NAME_INITIAL = "first_letter_of_third_given_name"
NATIONALITY = "nationality"
BIRTH_PLACE = "location_of_birth"
BIRTH_DATE = "date_of_birth"
GENDER = "gender"
NATIONAL_NUMBER = "national_number"
CARD_NUMBER = "card_number"
VALID_FROM = "validity_begin_date"
VALID_UNTIL = "validity_end_date"
DOCUMENT_TYPE = "document_type"
WORK_PERMIT_MENTION = "work_permit_mention"
STREET = "address_street_and_number"
ZIP = "address_zip"
MUNICIPALITY = "address_municipality"
PHOTO = "PHOTO_FILE"

TEXT_LABELS: tuple[str, ...] = (
    SURNAME,
    FIRSTNAMES,
    THIRD_NAME_INITIAL,
    NATIONALITY,
    BIRTH_PLACE,
    BIRTH_DATE,
    GENDER,
    NATIONAL_NUMBER,
    CARD_NUMBER,
    VALID_FROM,
    VALID_UNTIL,
    DOCUMENT_TYPE,
    WORK_PERMIT_MENTION,
    STREET,
    ZIP,
    MUNICIPALITY,
)
"""The text objects we read; :data:`PHOTO` is the one binary (JPEG) object. Other objects
(``issuing_municipality``, ``member_of_family``, ``chip_number``...) are left on the card."""

ALL_LABELS: tuple[str, ...] = (*TEXT_LABELS, PHOTO)
