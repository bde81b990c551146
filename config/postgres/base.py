"""Django's PostgreSQL backend with a health check that needs no round trip in the usual case.

With CONN_HEALTH_CHECKS Django asks an idle persistent connection whether it still works before a request first
uses it, by running ``SELECT 1``: one more round trip on every request that touches the database (a vote is one
statement, so this doubled its trips to PostgreSQL). A server that ends a session, by a restart, a crash, an idle
timeout or pg_terminate_backend, sends an error and closes the socket, which then reads as ready. An idle
connection's socket that is not ready therefore needs no query. When the socket is ready (the session ended, or
the server sent a notice meanwhile), or the connection is not idle, Django's own check runs as before.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status == pq.TransactionStatus.IDLE:
            try:
                ready, _, _ = select.select([connection.fileno()], [], [], 0)
            except (OSError, ValueError):
                return False
            if not ready:
                return True
        return super().is_usable()
