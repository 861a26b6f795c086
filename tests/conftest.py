"""Shared fixtures. Real SEC and PDF files live in ../shared/fixtures, beside the repo."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SHARED_FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data: small inputs made by tests/data/make_data.py."""
    return DATA


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """../shared/fixtures (edgar/, pdf/); skips with a reason where it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures not present: real SEC/PDF fixtures are only in CI")
    return SHARED_FIXTURES


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "commentary_zh.txt"


@pytest.fixture(scope="session")
def seed_commentary() -> Path:
    """../shared/seed/commentary_zh.txt, the commentary our users read; skips with a reason where absent."""
    if not SEED.is_file():
        pytest.skip("../shared/seed/commentary_zh.txt not present: the seed commentary is only beside the repo in CI")
    return SEED
