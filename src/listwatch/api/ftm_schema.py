"""The part of FollowTheMoney's model that reconciliation clients ask about: the schemata a
designation can be, their labels, and the properties listwatch fills (``api/records.py``), each with
its FtM qualified name (``Thing:country``) and label.

Restated from FtM's schema files rather than importing ``followthemoney`` (and its ICU and
transliteration dependencies) for six schemata and their labels (docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    label: str
    plural: str
    description: str
    parents: tuple[str, ...]
    featured: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Property:
    schema: str  # the schema that defines it
    name: str
    label: str
    description: str = ""

    @property
    def qname(self) -> str:
        return f"{self.schema}:{self.name}"


SCHEMATA: dict[str, Schema] = {
    s.name: s
    for s in (
        Schema("Thing", "Thing", "Things", "", (), ("name", "country")),
        Schema(
            "LegalEntity",
            "Legal entity",
            "Legal entities",
            "Any party to legal proceedings, such as asset ownership, corporate governance or social "
            "interactions. Often used when raw data does not specify if something is a person or company.",
            ("Thing",),
            ("name", "country", "legalForm", "status"),
        ),
        Schema(
            "Person",
            "Person",
            "People",
            "A natural person, as opposed to a corporation of some type.",
            ("LegalEntity",),
            ("name", "nationality", "birthDate"),
        ),
        Schema(
            "Organization",
            "Organization",
            "Organizations",
            "Any type of incorporated entity that cannot be owned by another (see Company). This might "
            "include charities, foundations or state-owned enterprises, depending on their jurisdiction.",
            ("LegalEntity",),
            ("name", "country", "legalForm", "status"),
        ),
        Schema(
            "Company",
            "Company",
            "Companies",
            "A corporation, usually for profit. Does not distinguish between private and public "
            "companies, and can also be used to model more specific constructs like trusts and funds.",
            ("Organization",),
            ("name", "jurisdiction", "registrationNumber", "incorporationDate"),
        ),
        Schema("Vessel", "Vessel", "Vessels", "A boat or ship.", ("Thing",), ("name", "imoNumber", "flag")),
        Schema(
            "Airplane",
            "Airplane",
            "Airplanes",
            "An airplane, helicopter or other flying vehicle.",
            ("Thing",),
            ("registrationNumber", "type", "manufacturer"),
        ),
    )
}

PROPERTIES: tuple[Property, ...] = (
    Property("Thing", "name", "Name"),
    Property("Thing", "alias", "Other name"),
    Property("Thing", "weakAlias", "Weak alias"),
    Property("Thing", "previousName", "Previous name"),
    Property("Thing", "country", "Country"),
    Property("Thing", "address", "Address"),
    Property("Thing", "notes", "Notes"),
    Property("Thing", "topics", "Topics", "Controlled vocabulary to describe the entity."),
    Property("Thing", "program", "Program"),
    Property("Thing", "programId", "Program ID"),
    Property("LegalEntity", "mainCountry", "Country of origin", "Primary country of this entity"),
    Property("LegalEntity", "jurisdiction", "Jurisdiction"),
    Property("LegalEntity", "registrationNumber", "Registration number"),
    Property("LegalEntity", "idNumber", "ID Number", "ID number of any applicable ID"),
    Property("LegalEntity", "taxNumber", "Tax Number", "Tax identification number"),
    Property("LegalEntity", "innCode", "INN", "Russian company ID"),
    Property("LegalEntity", "ogrnCode", "OGRN", "Major State Registration Number"),
    Property("LegalEntity", "leiCode", "LEI", "Legal Entity Identifier"),
    Property("LegalEntity", "swiftBic", "SWIFT/BIC", "Bank identifier code"),
    Property("LegalEntity", "legalForm", "Legal form"),
    Property("LegalEntity", "status", "Status"),
    Property("LegalEntity", "incorporationDate", "Incorporation date"),
    Property("Person", "birthDate", "Birth date"),
    Property("Person", "birthPlace", "Place of birth"),
    Property("Person", "nationality", "Nationality"),
    Property("Person", "citizenship", "Citizenship"),
    Property("Person", "passportNumber", "Passport number"),
    Property("Person", "firstName", "First name"),
    Property("Person", "lastName", "Last name"),
    Property("Person", "gender", "Gender"),
    Property("Person", "position", "Position"),
    Property("Vessel", "imoNumber", "IMO Number"),
    Property("Vessel", "mmsi", "MMSI"),
    Property("Vessel", "flag", "Flag"),
    Property("Airplane", "type", "Type"),
    Property("Airplane", "manufacturer", "Manufacturer"),
)


def ancestry(name: str) -> list[str]:
    """The schema and every schema it extends, nearest first."""
    out: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop(0)
        if current in SCHEMATA and current not in out:
            out.append(current)
            todo.extend(SCHEMATA[current].parents)
    return out


def properties_of(name: str) -> list[Property]:
    """The properties a schema has (its own and those it inherits), by property name."""
    chain = set(ancestry(name))
    chosen: dict[str, Property] = {}
    for prop in PROPERTIES:
        if prop.schema in chain:
            chosen.setdefault(prop.name, prop)
    return list(chosen.values())


def matches_prefix(prefix: str, *texts: str) -> bool:
    """yente's ``match_prefix``: every word of the prefix starts a word of one of the texts."""
    words = prefix.casefold().split()
    if not words:
        return False
    tokens = [t for text in texts for t in _split(text)]
    return all(any(t.startswith(w) for t in tokens) for w in words)


def _split(text: str) -> list[str]:
    out, word = [], ""
    for ch in text:
        if ch.isupper() and word and not word[-1].isupper():
            out.append(word)
            word = ch
        elif ch.isalnum():
            word += ch
        else:
            if word:
                out.append(word)
            word = ""
    if word:
        out.append(word)
    return [w.casefold() for w in [text, *out]]
