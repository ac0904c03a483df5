"""Entity resolution: the same person or organisation on several lists, linked with the reason.

Blocking (blocking.py) asks the screening index for each entry's namesakes on other lists and pairs
entries sharing an identifier; compare.py scores a pair with the screening core's name score plus
identifiers, birth dates, nationalities, schema and programme; run.py decides (link, review, nothing)
and appends what changed to ``entity_match``; review.py is the person's side. history/lookup.py then
makes every command see the resolved entity.
"""

from listwatch.resolve.run import AUTO_LINK, REVIEW_FROM, ResolveResult, resolve_store

__all__ = ["AUTO_LINK", "REVIEW_FROM", "ResolveResult", "resolve_store"]
