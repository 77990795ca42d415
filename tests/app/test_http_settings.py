"""One place builds the HTTP settings from the user's: the window and the command line fetch
with the same politeness pause, limits, deadline and local-address policy."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from support.local import allow_local_sources
from support.loopback import LoopbackServer
from support.newsite import Site, serve

from huaibei_reader.app.services import Services, http_config_from
from huaibei_reader.app.settings import SETTINGS_FILE, DictStore, IniFile, Settings
from huaibei_reader.cli.main import main
from huaibei_reader.net.addresses import AddressPolicy


def _settings(**values: object) -> Settings:
    store = DictStore()
    for name, value in values.items():
        store.setValue("net/" + name, value)
    return Settings(store)


def test_every_network_setting_reaches_the_client_config():
    config = http_config_from(_settings(host_delay_seconds=2.5, per_host_limit=3,
                                        proxy="http://127.0.0.1:8080",
                                        fetch_timeout_seconds=45.0,
                                        local_sources=["192.168.1.5:8080"]))
    assert config.min_delay == 2.5 and config.per_host_limit == 3
    assert config.proxies == {"http": "http://127.0.0.1:8080", "https": "http://127.0.0.1:8080"}
    assert config.total_timeout == 45.0
    assert config.address_policy == AddressPolicy(local_hosts=frozenset({"192.168.1.5:8080"}))


def test_the_defaults_are_polite_bounded_and_public_only():
    config = http_config_from(_settings())
    assert config.min_delay == 1.0 and config.per_host_limit == 2 and config.proxies is None
    assert config.total_timeout == 30.0
    assert config.address_policy == AddressPolicy()
    assert http_config_from(_settings(allow_local_sources=True)).address_policy.allow_local


def test_the_demo_skips_the_pause_and_proxy_and_may_reach_only_its_loopback_host():
    config = http_config_from(_settings(host_delay_seconds=5.0, proxy="http://p:1",
                                        allow_local_sources=True), demo=True)
    assert config.min_delay == 0.0 and config.proxies is None
    assert config.address_policy == AddressPolicy(local_hosts=frozenset({"127.0.0.1"}))
    assert not config.address_policy.trusts("http://192.168.1.1/")


def test_the_cli_reads_the_settings_the_window_wrote(tmp_path: Path):
    from PySide6.QtCore import QSettings

    qsettings = QSettings(str(tmp_path / SETTINGS_FILE), QSettings.Format.IniFormat)
    window = Settings(qsettings)
    window.set("net/host_delay_seconds", 0.7)
    window.set("net/per_host_limit", 3)
    window.set("net/proxy", "http://user:p,w@127.0.0.1:3128")
    window.set("net/allow_local_sources", True)
    window.set("net/local_sources", ["192.168.1.5:8080", "nas.local"])
    window.set("net/fetch_timeout_seconds", 20.0)
    window.set("ui/geometry", b"\x00\x01binary")
    window.set("reader/font_family", 'Noto Sans CJK SC, "quoted"')
    window.sync()
    cli = Settings(IniFile(tmp_path / SETTINGS_FILE))
    for spec in Settings.declared():
        if spec.type is not bytes:
            assert cli.get(spec.name) == window.get(spec.name), spec.name
    assert http_config_from(cli) == http_config_from(window)


def test_a_missing_or_unreadable_settings_file_means_the_defaults(tmp_path: Path):
    assert IniFile(tmp_path / "absent.ini").data == {}
    (tmp_path / SETTINGS_FILE).write_bytes(b"\xff\xfe[net\nhost_delay_seconds=abc\n=\n")
    settings = Settings(IniFile(tmp_path / SETTINGS_FILE))
    assert settings.get("net/host_delay_seconds") == 1.0
    with pytest.raises(NotImplementedError):
        settings.set("net/host_delay_seconds", 2.0)


def test_services_build_the_client_from_settings(tmp_path: Path):
    allow_local_sources(tmp_path, host_delay_seconds=0.4)
    cli = Services(tmp_path)  # the command line: the data folder's settings file
    window = Services(tmp_path / "w", settings=_settings(host_delay_seconds=0.9))
    try:
        assert cli.http_client.config.min_delay == 0.4
        assert cli.http_client.address_policy.allow_local
        assert window.http_client.config.min_delay == 0.9
        assert window.http_client.address_policy == AddressPolicy()
    finally:
        cli.close()
        window.close()


def test_cli_refresh_pauses_between_requests_to_one_host(tmp_path: Path, capsys):
    """The CLI used to fetch 60 pages of one host in 0.78 s: the window's pause never
    reached it. The server records when each request arrived."""
    delay = 0.3
    allow_local_sources(tmp_path, host_delay_seconds=delay)
    with LoopbackServer() as server:
        serve(Site(count=5), server)
        assert main(["--data-dir", str(tmp_path), "sources", "add", server.url("/"),
                     "--name", "site"]) == 0
        server.clear()
        assert main(["--data-dir", str(tmp_path), "refresh"]) == 0, capsys.readouterr().err
        times = sorted(s.at for s in server.seen)
    assert len(times) >= 7  # robots.txt, the index, five articles
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= delay - 0.05, gaps  # a little slack for the arrival side


def test_cli_refuses_a_local_address_unless_allowed(tmp_path: Path, capsys):
    with LoopbackServer() as server:
        serve(Site(count=1), server)
        url = server.url("/")
        assert main(["--data-dir", str(tmp_path / "a"), "extract", url]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "refused: 127.0.0.1 is a loopback address" in err
        assert server.seen == []
        allow_local_sources(tmp_path / "b", allow_local_sources=False,
                            local_sources=[f"127.0.0.1:{server.port}"])
        assert main(["--data-dir", str(tmp_path / "b"), "discover", url]) == 0
        assert server.count("/") == 1
