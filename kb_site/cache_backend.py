"""The shared file cache used when REDIS_URL is unset (settings.CACHES): diskcache's Django backend, kept open.

Django closes every cache at the end of each request; diskcache's close() shuts its SQLite
connections, and the next request opens them again: 35 ms a request at 8 shards. The
connections are per thread and safe to keep, so this backend keeps them for the process's life.
"""

from diskcache import DjangoCache


class SharedFileCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the connections (see the module docstring); they close with the process."""
