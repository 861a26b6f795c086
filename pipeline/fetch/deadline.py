"""A deadline on the whole of one request. The read timeout bounds each wait for bytes, so a
server that drips a byte at a time, into the headers or the body, would never trip it.

At the deadline a timer shuts the request's socket down: the blocked read returns at once and
the request fails. The socket is found through the connection classes the session's pools use:
each one, as it connects or sends a request, registers its socket with the deadline of the thread
sending. (The socket, not the connection: for a "Connection: close" answer http.client hands the
socket to the response and forgets it.)
"""
from __future__ import annotations

import socket
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3 import ProxyManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Deadline:
    """`with Deadline(seconds) as d:` around one request; `d.disarm()` once its body is read, before
    its connection goes back to the pool for another thread. `d.expired`: the timer cut it short."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sock = None
        self._armed = True
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> bool:
        self.disarm()
        _current.deadline = None
        return False

    def disarm(self) -> bool:
        """Stop the timer; True if it had already fired (the body may then be cut short)."""
        with self._lock:
            self._armed = False
        self._timer.cancel()
        return self.expired

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired and self._armed:  # it fired while the socket was being made
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if not self._armed:
                return
            self.expired = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    try:  # the plain socket's shutdown: SSLSocket's own would unwrap TLS under the reading thread
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _watch(conn) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None and conn.sock is not None:  # None: not connected yet, connect() will call
        deadline.watch(conn.sock)


class _Watched:
    def connect(self):
        super().connect()
        _watch(self)

    def request(self, *args, **kwargs):
        _watch(self)  # a kept-alive connection is not connected again
        return super().request(*args, **kwargs)


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    """requests' adapter, with pools of watched connections, through a proxy too (not SOCKS)."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        if isinstance(manager, ProxyManager):
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def watched_session() -> requests.Session:
    """A requests Session whose connections a Deadline can cut."""
    session = requests.Session()
    for prefix in ("https://", "http://"):
        session.mount(prefix, _Adapter())
    return session
