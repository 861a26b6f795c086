"""Fetching: the HTTP client (rate limit, retries), the on-disk cache, EDGAR and commentary sources.

Only this subpackage and `state.py` touch the network and the cache; what they
hand on is bytes with their metadata, turned into Documents by `items.py`.
"""
