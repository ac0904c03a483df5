"""The one schema, written once for both engines. Dates are ISO-8601 text in both, so that the same
SQL compares them the same way; ``{id}`` is the only spelling that differs (see dialects.py).

Tables are only ever added (``CREATE TABLE IF NOT EXISTS``), never altered: ``version_completeness``
came later, and versions ingested before it simply have no row (read as "partial", which is what was
known of them). A change that needs more than a new table raises ``SCHEMA_VERSION`` and comes with a
step in ``migrate.py``; a store of an older version is then refused until ``listwatch migrate`` has run.
Version 2: name keys without accents (``base.name_key``).

Nothing is updated or deleted: versions, entry revisions and events are appended; an event that a
later-ingested older version shows to be wrong is retracted by a row in ``event_retraction``; a
withdrawn version is set aside by a row in ``version_withdrawal``.
``entity_match`` holds entity resolution's decisions the same way: a pair's later row (a review, a
reversal) supersedes an earlier one, and the earlier stays for the audit.
"""

SCHEMA_VERSION = 2

TABLES = [
    """CREATE TABLE IF NOT EXISTS lw_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS list_version (
        id {id},
        list_id TEXT NOT NULL,
        published_at TEXT NOT NULL,     -- UTC instant, for ordering
        published_on TEXT NOT NULL,     -- the list's own date, as the publisher wrote it
        scope TEXT,                     -- NULL: the whole list; else the regime/regulation it covers
        kind TEXT NOT NULL,             -- snapshot | record
        sha256 TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        format TEXT NOT NULL,
        publisher TEXT NOT NULL,
        path TEXT,
        url TEXT,
        size BIGINT NOT NULL,
        retrieved_at TEXT,
        ingested_at TEXT NOT NULL,      -- record time for audit: when listwatch learned it
        entry_count INTEGER NOT NULL,
        UNIQUE (list_id, sha256))""",
    "CREATE INDEX IF NOT EXISTS ix_version_list ON list_version (list_id, published_at)",
    """CREATE TABLE IF NOT EXISTS version_completeness (
        version_id BIGINT PRIMARY KEY,  -- list_version.id; no row: completeness not stated (partial)
        complete INTEGER NOT NULL,      -- 1: a source enumerates the whole list as of the version's date
        stated_count INTEGER,           -- the number of entries that source states
        citation TEXT NOT NULL)""",  # JSON: title, publisher, published, url, quote
    """CREATE TABLE IF NOT EXISTS entry_revision (
        hash TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL,
        data TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS version_entry (
        version_id BIGINT NOT NULL,
        entity_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        program TEXT,
        PRIMARY KEY (version_id, entity_id))""",
    "CREATE INDEX IF NOT EXISTS ix_version_entry_entity ON version_entry (entity_id)",
    """CREATE TABLE IF NOT EXISTS entity (
        entity_id TEXT PRIMARY KEY,
        list_id TEXT NOT NULL,
        ref_key TEXT NOT NULL,
        schema TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_entity_ref ON entity (ref_key)",
    """CREATE TABLE IF NOT EXISTS entity_name (
        entity_id TEXT NOT NULL,
        name_key TEXT NOT NULL,
        PRIMARY KEY (name_key, entity_id))""",
    """CREATE TABLE IF NOT EXISTS entity_link (
        entity_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        PRIMARY KEY (entity_id, target_id))""",
    "CREATE INDEX IF NOT EXISTS ix_entity_link_target ON entity_link (target_id)",
    """CREATE TABLE IF NOT EXISTS event (
        id {id},
        list_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        date TEXT NOT NULL,
        window_start TEXT,
        window_end TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        basis TEXT NOT NULL,
        fields TEXT NOT NULL,
        event_key TEXT NOT NULL,
        version_id BIGINT NOT NULL,
        prev_version_id BIGINT,
        ingested_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_event_list_date ON event (list_id, date)",
    "CREATE INDEX IF NOT EXISTS ix_event_entity ON event (entity_id)",
    "CREATE INDEX IF NOT EXISTS ix_event_version ON event (version_id)",
    # A version withdrawn from the record (a broken file ingested by mistake) and restored again: each
    # act is a row, never an update; the newest act for a version says whether it counts.
    """CREATE TABLE IF NOT EXISTS version_withdrawal (
        id {id},
        version_id BIGINT NOT NULL,
        action TEXT NOT NULL,           -- withdrawn | restored
        reason TEXT NOT NULL,
        recorded_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS event_retraction (
        event_id BIGINT PRIMARY KEY,
        retracted_at TEXT NOT NULL,
        by_version_id BIGINT NOT NULL)""",
    # Entity resolution (listwatch/resolve): one row per decision about a pair of designations on two
    # lists, left_id < right_id. decision: linked | review | rejected; basis: identifier | score |
    # person (reference links stay in entity_link, filled at ingest). A person's row outranks any
    # automatic one; a reversal is a new row. valid_from/valid_to: NULL = the identity holds at all
    # times (what resolution claims); recorded_at is the record-time axis, as ingested_at elsewhere.
    """CREATE TABLE IF NOT EXISTS entity_match (
        id {id},
        left_id TEXT NOT NULL,
        right_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        basis TEXT NOT NULL,
        score DOUBLE PRECISION,
        explanation TEXT NOT NULL,
        detail TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        recorded_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_entity_match_left ON entity_match (left_id)",
    "CREATE INDEX IF NOT EXISTS ix_entity_match_right ON entity_match (right_id)",
    # Audit (listwatch/audit): one row per screening run (``screen``, ``/match``, a replay), written once.
    # What was screened (the input's sha256; a /match body is kept whole so it can be replayed), against
    # what (the list versions, as screening output records them), by which algorithm and settings, and
    # what came out: the hits as JSON [query_id, entity_id, score, list, ref] and a sha256 of the full
    # output rows (explanations and warnings included).
    """CREATE TABLE IF NOT EXISTS screening_run (
        id {id},
        kind TEXT NOT NULL,             -- screen | match | replay
        started_at TEXT NOT NULL,       -- UTC; a replay reads the record as it was at this instant
        finished_at TEXT NOT NULL,
        input_name TEXT NOT NULL,       -- the input file's path, or "POST /match/<dataset>"
        input_sha256 TEXT NOT NULL,
        input_rows INTEGER NOT NULL,
        input_body TEXT,                -- /match: the request's queries (JSON), for replay
        as_of TEXT NOT NULL,
        known_at TEXT,
        lists TEXT,                     -- JSON list of list ids asked for; NULL: all
        threshold DOUBLE PRECISION NOT NULL,
        hit_limit INTEGER NOT NULL,
        algorithm TEXT NOT NULL,
        versions TEXT NOT NULL,         -- JSON: the versions used
        hit_count INTEGER NOT NULL,
        hits TEXT NOT NULL,
        output_sha256 TEXT NOT NULL,
        replay_of BIGINT)""",
    "CREATE INDEX IF NOT EXISTS ix_screening_run_started ON screening_run (started_at)",
    # Monitoring (listwatch/monitor): a customer book kept by listwatch. Each ``book add`` appends the
    # rows that are new or changed, and a ``removed`` row for each id no longer in the file; a row's
    # current state is its newest row.
    """CREATE TABLE IF NOT EXISTS book (
        id {id},
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS book_row (
        id {id},
        book_id BIGINT NOT NULL,
        row_id TEXT NOT NULL,
        data TEXT NOT NULL,             -- JSON: name, schema, birth_date, country
        data_hash TEXT NOT NULL,
        removed INTEGER NOT NULL,
        recorded_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_book_row ON book_row (book_id, row_id, id)",
    # The book's own name index, in the database: each row's name part keys (and those of two adjacent
    # parts written as one), so a changed designation finds the rows it may hit by SQL, without loading
    # the book. Keys of a row's earlier data stay: a superset, screened precisely afterwards.
    """CREATE TABLE IF NOT EXISTS book_key (
        book_id BIGINT NOT NULL,
        key TEXT NOT NULL,
        row_id TEXT NOT NULL,
        parts INTEGER NOT NULL)""",  # the row name's parts with a key: a one-part name needs one found
    "CREATE INDEX IF NOT EXISTS ix_book_key ON book_key (book_id, key)",
    # An alert: a hit that appeared, cleared or moved for a (book row, designation) pair, with the list
    # event behind it. ``row_hash``/``entity_hash``: the row's data and the designation as the matcher
    # saw them, so a false-positive decision holds until either changes. ``suppressed_by``: the decision
    # that kept this alert from the open queue.
    """CREATE TABLE IF NOT EXISTS alert (
        id {id},
        book_id BIGINT NOT NULL,
        row_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        list_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        kind TEXT NOT NULL,             -- new | cleared | rescored
        score DOUBLE PRECISION,
        score_before DOUBLE PRECISION,
        query_name TEXT NOT NULL,
        matched_name TEXT NOT NULL,
        explanation TEXT NOT NULL,
        event_id BIGINT,
        event TEXT,                     -- JSON: type, date, window, version of the list event
        row_hash TEXT NOT NULL,
        entity_hash TEXT NOT NULL,
        run_id BIGINT,
        suppressed_by BIGINT,
        created_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_alert_pair ON alert (book_id, row_id, entity_id)",
    """CREATE TABLE IF NOT EXISTS alert_decision (
        id {id},
        alert_id BIGINT NOT NULL,
        decision TEXT NOT NULL,         -- confirmed | false_positive
        decided_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        decided_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_alert_decision ON alert_decision (alert_id)",
    """CREATE TABLE IF NOT EXISTS webhook (
        id {id},
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        book_id BIGINT,                 -- NULL: every book
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS webhook_delivery (
        id {id},
        webhook_id BIGINT NOT NULL,
        alert_id BIGINT NOT NULL,
        attempt INTEGER NOT NULL,
        status INTEGER,                 -- HTTP status; NULL: no answer
        error TEXT,
        delivered_at TEXT NOT NULL)""",
]
