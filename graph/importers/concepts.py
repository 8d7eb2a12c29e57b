"""Readable titles for the questions made from the coding concepts of the CJEU holdings
(``REMEDIES_COMPENSATION`` → "Compensation for material and non-material damage (Art. 82)")."""

from __future__ import annotations

TITLES: dict[str, str] = {
    "ACCOUNTABILITY": "Accountability of the controller (Art. 5(2), 24)",
    "ADMINISTRATIVE_FINES": "Administrative fines (Art. 83)",
    "AUTOMATED_DECISION_MAKING": "Automated decision-making (Art. 22)",
    "CONSENT_BASIS": "Consent as a legal basis (Art. 6(1)(a), 7)",
    "CONTRACT_BASIS": "Necessity for a contract as a legal basis (Art. 6(1)(b))",
    "CONTROLLER_DEFINITION": "Who is a controller (Art. 4(7))",
    "DATA_MINIMISATION": "Data minimisation (Art. 5(1)(c))",
    "DATA_PROTECTION_PRINCIPLES": "The principles of processing (Art. 5)",
    "DPA_INDEPENDENCE": "Independence of supervisory authorities",
    "DPA_OTHER": "Supervisory authorities: other questions",
    "DPA_POWERS": "Powers of supervisory authorities (Art. 58)",
    "INTERNATIONAL_TRANSFER": "Transfers to third countries (Chapter V)",
    "JOINT_CONTROLLERS_DEFINITION": "Joint controllers (Art. 26)",
    "LEGAL_OBLIGATION_BASIS": "Legal obligation as a legal basis (Art. 6(1)(c))",
    "LEGITIMATE_INTERESTS": "Legitimate interests as a legal basis (Art. 6(1)(f))",
    "MEMBER_STATE_DISCRETION": "Room left to Member States' law",
    "ONE_STOP_SHOP": "One-stop shop and cooperation between authorities (Art. 56, 60)",
    "OTHER": "Other questions of the GDPR",
    "OTHER_CONTROLLER_OBLIGATIONS": "Other obligations of controllers",
    "PERSONAL_DATA_SCOPE": "What is personal data (Art. 4(1))",
    "PUBLIC_INTEREST_BASIS": "Public interest or official authority (Art. 6(1)(e))",
    "REMEDIES_COMPENSATION": "Compensation for material and non-material damage (Art. 82)",
    "REPRESENTATIVE_ACTIONS": "Representative actions (Art. 80)",
    "RIGHT_OF_ACCESS": "Right of access (Art. 15)",
    "RIGHT_TO_ERASURE": "Right to erasure (Art. 17)",
    "RIGHT_TO_OBJECT": "Right to object (Art. 21)",
    "RIGHT_TO_RECTIFICATION": "Right to rectification (Art. 16)",
    "SCOPE_MATERIAL": "Material scope of the GDPR (Art. 2)",
    "SECURITY": "Security of processing (Art. 32)",
    "SPECIAL_CATEGORIES_CONDITIONS": "Processing special categories of data (Art. 9(2))",
    "SPECIAL_CATEGORIES_DEFINITION": "What are special categories of data (Art. 9(1))",
    "TRANSPARENCY": "Transparency and information (Art. 13, 14)",
    "VITAL_INTERESTS_BASIS": "Vital interests as a legal basis (Art. 6(1)(d))",
}


def concept_title(concept: str) -> str:
    """The question's title for a coding concept.

    These are regkg's own short names for the coding schema's concepts, with the GDPR articles the
    concept is about where the coded holdings of that concept cite them (``article_numbers`` of
    holdings.csv; tests/network/test_citations_real.py holds every article named here to the file);
    a
    concept not listed here gets its own words.

    >>> concept_title("RIGHT_OF_ACCESS")
    'Right of access (Art. 15)'
    >>> concept_title("NEW_CONCEPT")
    'New concept'
    """
    return TITLES.get(concept) or concept.replace("_", " ").capitalize()


def concept_question_key(concept: str) -> str:
    """The key of the question made from a coding concept (``question/<key>``).

    >>> concept_question_key("REMEDIES_COMPENSATION")
    'cjeu-coding-remedies-compensation'
    """
    return "cjeu-coding-" + concept.lower().replace("_", "-")
