"""Shared helpers of the net tests (a module of its own: every test folder has a `conftest`,
so importing from "conftest" would pick whichever folder's was loaded first)."""

from __future__ import annotations

from huaibei_reader.net import AddressPolicy, HttpClient, HttpConfig

UA = "HuaibeiReader/test (+https://example.invalid; tests)"


def make_client(**overrides) -> HttpClient:
    # The test servers listen on 127.0.0.1: the tests opt in to local addresses.
    settings = {"user_agent": UA, "connect_timeout": 2.0, "read_timeout": 5.0, "retries": 2,
                    "backoff_factor": 0.05, "address_policy": AddressPolicy(allow_local=True)}
    settings.update(overrides)
    return HttpClient(HttpConfig(**settings))
