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
# The card's other identity fields (BEID_ID_DATA_LABELS), foreigners' cards included.
CHIP_NUMBER = "chip_number"
ISSUING_MUNICIPALITY = "issuing_municipality"
NOBILITY = "nobility"
SPECIAL_STATUS = "special_status"
DUPLICATE = "duplicata"
SPECIAL_ORGANISATION = "special_organization"
MEMBER_OF_FAMILY = "member_of_family"
PROTECTION = "date_and_country_of_protection"
EMPLOYER_VAT_1 = "employer_vat_1"
EMPLOYER_VAT_2 = "employer_vat_2"
REGIONAL_FILE_NUMBER = "regional_file_number"
BREXIT_MENTION_1 = "brexit_mention_1"
BREXIT_MENTION_2 = "brexit_mention_2"
CARD_A_MENTION_1 = "cardA_mention_1"
CARD_A_MENTION_2 = "cardA_mention_2"
CARD_EU_START_DATE = "cardEU_start_date"

TEXT_LABELS: tuple[str, ...] = (
    CARD_NUMBER,
    CHIP_NUMBER,
    VALID_FROM,
    VALID_UNTIL,
    ISSUING_MUNICIPALITY,
    NATIONAL_NUMBER,
    SURNAME,
    FIRSTNAMES,
    THIRD_NAME_INITIAL,
    NATIONALITY,
    BIRTH_PLACE,
    BIRTH_DATE,
    GENDER,
    NOBILITY,
    DOCUMENT_TYPE,
    SPECIAL_STATUS,
    DUPLICATE,
    SPECIAL_ORGANISATION,
    MEMBER_OF_FAMILY,
    PROTECTION,
    WORK_PERMIT_MENTION,
    EMPLOYER_VAT_1,
    EMPLOYER_VAT_2,
    REGIONAL_FILE_NUMBER,
    BREXIT_MENTION_1,
    BREXIT_MENTION_2,
    CARD_A_MENTION_1,
    CARD_A_MENTION_2,
    CARD_EU_START_DATE,
    STREET,
    ZIP,
    MUNICIPALITY,
)
"""Every text object of the identity and address files, in ``beidlabels.h``'s order;
:data:`PHOTO` is the one binary (JPEG) object. Left on the card: ``photo_hash`` and
``basic_key_hash`` (hashes, not data), the ``record_*`` copies and the card's own files
(``carddata_*``, certificates, signatures)."""

ALL_LABELS: tuple[str, ...] = (*TEXT_LABELS, PHOTO)
