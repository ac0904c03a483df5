"""Authorities and the lists they keep. List ids follow OpenSanctions dataset names where one exists.

Built-in lists register here the way an outside one would: a ``ListInfo`` in ``LISTS``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Authority:
    id: str
    name: str
    jurisdiction: str  # ISO 3166 alpha-2, or "UN" / "EU"


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: str
    title: str
    authority: str  # Authority.id
    jurisdiction: str
    url: str | None = None  # official publication address, for `listwatch update`
    kind: str = "sanctions"  # "sanctions" | "terrorism"
    curated: bool = False  # kept by hand in this repository, from cited sources
    # A curated list that states sourced facts about an official list (the year of an OFAC designation,
    # which the SDN file does not give) names that list here; the matrix shows them in one row.
    describes: str | None = None
    # The terms the publisher gives the file under, as `listwatch lists` shows them.
    licence: str | None = None
    # False for aggregators' exports (OpenSanctions): `listwatch update` fetches them only when named
    # (`--list`), never by default, since their licence may not fit the user (CC BY-NC: not for a bank).
    default: bool = True
    # The name the download is saved under when the address has none of its own (".../content?token=").
    file_name: str | None = None
    # How often the publisher is expected to publish, in days: an answer later than the last version held
    # plus this horizon is stale (and "unknown"). None: 31 for official feeds (UN, OFAC publish within
    # days of a change), 365 for curated lists (their sources are reviewed about yearly).
    cadence_days: int | None = None

    @property
    def horizon_days(self) -> int:
        """Days after its last held version for which a list still answers for the present."""
        if self.cadence_days is not None:
            return self.cadence_days
        return CURATED_CADENCE_DAYS if self.curated else OFFICIAL_CADENCE_DAYS


OFFICIAL_CADENCE_DAYS = 31
CURATED_CADENCE_DAYS = 365

AUTHORITIES: dict[str, Authority] = {
    a.id: a
    for a in (
        Authority("un_sc", "United Nations Security Council", "UN"),
        Authority(
            "un_sc_1988", "UN Security Council Committee established pursuant to resolution 1988 (2011)", "UN"
        ),
        Authority(
            "un_sc_1267",
            "UN Security Council Committee pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015)",
            "UN",
        ),
        Authority("us_ofac", "US Treasury, Office of Foreign Assets Control", "US"),
        Authority("us_state", "US Department of State", "US"),
        Authority("gb_hmt", "HM Treasury, Office of Financial Sanctions Implementation", "GB"),
        Authority("gb_fcdo", "Foreign, Commonwealth & Development Office (UK Sanctions List)", "GB"),
        Authority("eu_council", "Council of the European Union", "EU"),
        Authority("ru_rosfinmonitoring", "Federal Financial Monitoring Service (Rosfinmonitoring)", "RU"),
        Authority("ru_supreme_court", "Supreme Court of the Russian Federation", "RU"),
        Authority("kz_supreme_court", "Supreme Court of the Republic of Kazakhstan", "KZ"),
        Authority("kg_supreme_court", "Supreme Court of the Kyrgyz Republic", "KG"),
        Authority("tj_supreme_court", "Supreme Court of the Republic of Tajikistan", "TJ"),
        Authority("ca_gac", "Global Affairs Canada", "CA"),
        Authority("opensanctions", "OpenSanctions (aggregator)", "ZZ"),
    )
}

UN_LICENCE = "UN public information, published for screening; no formal open licence"
US_LICENCE = "US government work: public domain (17 U.S.C. 105)"
OPENSANCTIONS_LICENCE = "CC BY-NC 4.0 (OpenSanctions): non-commercial use only"
OFAC_SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

LISTS: dict[str, ListInfo] = {
    info.id: info
    for info in (
        ListInfo(
            "un_sc_sanctions",
            "UN Security Council Consolidated List",
            "un_sc",
            "UN",
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            licence=UN_LICENCE,
        ),
        ListInfo(
            "us_ofac_sdn",
            "OFAC Specially Designated Nationals and Blocked Persons",
            "us_ofac",
            "US",
            OFAC_SLS + "SDN_ADVANCED.XML",
            licence=US_LICENCE,
        ),
        ListInfo(
            "us_ofac_cons",
            "OFAC Consolidated Sanctions List (non-SDN)",
            "us_ofac",
            "US",
            OFAC_SLS + "CONS_ADVANCED.XML",
            licence=US_LICENCE,
        ),
        ListInfo(
            "gb_hmt_sanctions",
            "UK Sanctions List (FCDO; until 28 January 2026 OFSI's Consolidated List)",
            "gb_fcdo",
            "GB",
            "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
            licence="Open Government Licence v3.0",
        ),
        ListInfo(
            "eu_fsf",
            "EU consolidated list of financial sanctions (Financial Sanctions Files)",
            "eu_council",
            "EU",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
            "?token=dG9rZW4tMjAxNw",
            licence="European Commission reuse policy (Decision 2011/833/EU): free reuse with attribution",
            file_name="xmlFullSanctionsList_1_1.xml",
        ),
        ListInfo(
            "eu_journal_sanctions",
            "EU sanctions in the Official Journal (regulation annexes, OpenSanctions extract)",
            "eu_council",
            "EU",
            "https://data.opensanctions.org/datasets/latest/eu_journal_sanctions/entities.ftm.json",
            licence=OPENSANCTIONS_LICENCE,
            default=False,
        ),
        ListInfo(
            "ru_rosfinmonitoring",
            "Rosfinmonitoring list of terrorists and extremists",
            "ru_rosfinmonitoring",
            "RU",
            "https://www.fedsfm.ru/documents/terrorists-catalog-portal-act",
            kind="terrorism",
            licence="official public list; no licence stated",
            file_name="terrorists-catalog-portal-act.html",
        ),
        ListInfo(
            "ca_dfatd_sema_sanctions",
            "Canada Special Economic Measures Act sanctions",
            "ca_gac",
            "CA",
            "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
            licence="official public list; no licence stated",
        ),
        ListInfo(
            "opensanctions",
            "OpenSanctions FollowTheMoney export",
            "opensanctions",
            "ZZ",
            "https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
            licence=OPENSANCTIONS_LICENCE,
            default=False,
        ),
    )
}


def get_list(list_id: str) -> ListInfo:
    """The list's description; lists not registered here (a user's own) get a plain one."""
    info = LISTS.get(list_id)
    if info is None:
        return ListInfo(list_id, list_id, "unknown", "ZZ")
    return info


def register_list(info: ListInfo, authority: Authority | None = None) -> None:
    """Add a list (a curated national list, a plugin) so it is known by id everywhere."""
    if authority is not None:
        AUTHORITIES.setdefault(authority.id, authority)
    LISTS[info.id] = info
