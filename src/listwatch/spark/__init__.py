"""Batch screening on Apache Spark with the matching core unchanged (``pip install listwatch[spark]``).

The core is a pure function over batches (``matching.screen.screen_rows``), so a Spark job needs only
two things from listwatch: the name index on every executor, and that function applied to each Arrow
batch of a partition (``mapInArrow``). Nothing here scores a name itself.
"""

from listwatch.spark.engine import screen, session

__all__ = ["screen", "session"]
