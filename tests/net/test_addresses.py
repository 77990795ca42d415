"""Local addresses: refused unless the request's policy allows them, checked on the address
actually connected to (after every DNS answer, every redirect, every reused connection)."""

from __future__ import annotations

import socket

import pytest
from netkit import make_client
from support.loopback import LoopbackServer, page, redirect

from huaibei_reader.errors import FetchBlocked
from huaibei_reader.net import AddressPolicy, PrivateAddressRefused
from huaibei_reader.net import addresses as addresses_module
from huaibei_reader.net import connect as connect_module
from huaibei_reader.net.addresses import STRICT, address_kind, host_entry


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address (this computer)"),
    ("127.8.9.10", "a loopback address (this computer)"),
    ("::1", "a loopback address (this computer)"),
    ("::ffff:127.0.0.1", "a loopback address (this computer)"),
    ("10.1.2.3", "a private network address"),
    ("172.16.5.4", "a private network address"),
    ("192.168.1.1", "a private network address"),
    ("fd12:3456::1", "a private network address"),
    ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("224.0.0.251", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("240.0.0.1", "a reserved address"),
    ("100.64.0.1", "a shared (carrier-grade NAT) address"),
    ("192.0.2.10", "not a public address"),  # documentation range
    ("8.8.8.8", None),
    ("2606:4700:4700::1111", None),
    ("114.114.114.114", None),
])
def test_every_kind_of_local_address_is_named(address, kind):
    assert address_kind(address) == kind


def test_policy_trusts_hosts_the_user_confirmed_and_nothing_else():
    policy = AddressPolicy(local_hosts=frozenset({"192.168.1.5:8080", "NAS.local"}))
    assert policy.trusts("http://192.168.1.5:8080/news/")
    assert not policy.trusts("http://192.168.1.5:8081/")  # another service on that box
    assert policy.trusts("https://nas.local/feed.xml")  # a bare host: any port
    assert not policy.trusts("http://192.168.1.6:8080/")
    assert STRICT.refuses("http://192.168.1.5:8080/", "192.168.1.5") == \
        "a private network address"
    assert policy.refuses("http://192.168.1.5:8080/", "192.168.1.5") is None
    assert policy.refuses("http://192.168.1.5:8080/", "192.168.1.5", after_public=True)
    assert AddressPolicy(allow_local=True).trusts("http://10.0.0.1/")
    assert STRICT.refuses("http://example.com/", "93.184.216.34") is None


def test_allowing_and_links_of_a_source():
    policy = STRICT.allowing("http://192.168.1.5:8080/index.html", "[::1]:9000")
    assert policy.local_hosts == {"192.168.1.5:8080", "[::1]:9000"}
    assert host_entry("http://[::1]:9000/x") == "[::1]:9000"
    assert host_entry("https://Router.Local/") == "router.local:443"
    links = policy.for_links_of("http://192.168.1.5:8080/feed.xml")
    assert links.trusts("http://192.168.1.5:8080/news/1.html")  # the source's own pages
    assert not links.trusts("http://[::1]:9000/")  # another trusted host: not from here
    assert not STRICT.allowing("http://192.168.1.5/").for_links_of(
        "http://public.example/feed").trusts("http://192.168.1.5/")


def test_a_local_address_is_refused_by_default_before_anything_is_sent(server):
    server.route("/a", page("secret"))
    client = make_client(address_policy=STRICT)
    with pytest.raises(PrivateAddressRefused) as info:
        client.get(server.url("/a"))
    exc = info.value
    assert isinstance(exc, FetchBlocked)
    assert exc.host == "127.0.0.1" and exc.address == "127.0.0.1" and not exc.redirected
    assert str(exc) == ("refused: 127.0.0.1 is a loopback address (this computer); local "
                        "addresses are fetched only for sources you allow "
                        f"({server.url('/a')})")
    assert server.seen == []  # not even robots.txt
    assert client.requests_sent == 0


@pytest.mark.parametrize("url", ["http://localhost:9/", "http://app.localhost/",
                                 "http://[::1]:9/", "http://169.254.169.254/latest/meta-data/",
                                 "http://0.0.0.0:9/", "http://10.0.0.1/"])
def test_literal_local_addresses_and_localhost_names_are_refused(url):
    client = make_client(address_policy=STRICT)
    with pytest.raises(PrivateAddressRefused):
        client.get(url)


def test_a_name_that_resolves_to_a_local_address_is_refused(server, monkeypatch):
    server.route("/a", page("secret"))
    real = socket.getaddrinfo

    def lookup(host, port, *args, **kwargs):
        if host == "innocent.example":
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    client = make_client(address_policy=STRICT)
    url = f"http://innocent.example:{server.port}/a"
    with pytest.raises(PrivateAddressRefused) as info:
        client.get(url)
    assert str(info.value).startswith("refused: innocent.example (127.0.0.1) is a loopback")
    assert server.seen == []
    # The user confirmed that host as a source: allowed, on that port only.
    assert make_client(address_policy=STRICT.allowing(url)).get(url).content == b"secret"


def test_the_user_setting_allows_every_local_source(server):
    server.route("/a", page("mine"))
    client = make_client(address_policy=AddressPolicy(allow_local=True))
    assert client.get(server.url("/a")).content == b"mine"


def test_a_request_policy_overrides_the_client_default(server):
    server.route("/a", page("mine"))
    client = make_client(address_policy=STRICT)
    assert client.get(server.url("/a"), policy=STRICT.allowing(server.url("/"))).content \
        == b"mine"
    with pytest.raises(PrivateAddressRefused):
        client.get(server.url("/a"))
    client.address_policy = STRICT.allowing(server.url("/"))  # the user confirmed it
    assert client.get(server.url("/a")).content == b"mine"


def test_a_pooled_connection_is_checked_again_for_each_request(server):
    server.route("/a", page("a"))
    client = make_client(address_policy=AddressPolicy(allow_local=True), robots=False)
    assert client.get(server.url("/a")).content == b"a"  # leaves a pooled connection
    with pytest.raises(PrivateAddressRefused):
        client.get(server.url("/a"), policy=STRICT)
    assert server.count("/a") == 1


def test_a_refused_robots_txt_is_reported_for_the_page():
    client = make_client(address_policy=STRICT)
    with pytest.raises(PrivateAddressRefused) as info:
        client.get("http://192.168.0.1/news/1.html")
    assert str(info.value).endswith("(http://192.168.0.1/news/1.html)")
    assert "robots.txt" not in str(info.value)


# -- "public" addresses on a machine with only loopback: 127.0.0.2 plays the internet ---------

@pytest.fixture
def internet(monkeypatch):
    """127.0.0.2 counts as a public address for these tests (the only kind of address the
    machine can serve besides loopback); everything else keeps its kind."""
    real = addresses_module.address_kind

    def kind(address):
        return None if str(address) == "127.0.0.2" else real(address)

    monkeypatch.setattr(addresses_module, "address_kind", kind)
    monkeypatch.setattr(connect_module, "address_kind", kind)
    with LoopbackServer("127.0.0.2") as public:
        yield public


def test_a_redirect_from_a_public_address_to_a_local_one_is_refused(internet, server):
    server.route("/admin", page("router admin"))
    internet.route("/story.html", redirect(server.url("/admin")))
    # Even a user who allows every local source is protected from a stranger's redirect.
    client = make_client(address_policy=AddressPolicy(allow_local=True))
    with pytest.raises(PrivateAddressRefused) as info:
        client.get(internet.url("/story.html"))
    exc = info.value
    assert exc.redirected and exc.address == "127.0.0.1"
    assert str(exc).startswith("refused: a redirect from a public address led to 127.0.0.1, "
                               "a loopback address")
    assert internet.count("/story.html") == 1
    assert server.seen == []


def test_the_address_checked_is_the_address_connected_to(internet, monkeypatch):
    """DNS rebinding: a name answering a public address, then a local one. The connection goes
    to exactly the address that was checked (a second lookup to connect would have gone to
    127.0.0.1, where nothing listens on that port: "connection refused", not this); the next
    connection is looked up and checked anew, and refused."""
    internet.route("/a", page("public side"))
    answers = ["127.0.0.2"]  # the first answer; every later one is the local address
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.example":
            return real(answers.pop() if answers else "127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://rebind.example:{internet.port}/a"
    client = make_client(address_policy=STRICT, robots=False)
    assert client.get(url).content == b"public side"
    fresh = make_client(address_policy=STRICT, robots=False)
    with pytest.raises(PrivateAddressRefused) as info:
        fresh.get(url)
    assert info.value.address == "127.0.0.1"


def test_through_a_proxy_the_proxy_is_reached_and_local_targets_refused(server, monkeypatch):
    """The proxy (set by the user) may be local; a local target address is refused before
    the proxy is asked, since the proxy would connect to it for us."""
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    server.route("http://news.example.invalid/a.html", page("via proxy"))
    client = make_client(address_policy=STRICT, robots=False,
                         proxies={"http": server.base, "https": server.base})
    assert client.get("http://news.example.invalid/a.html").content == b"via proxy"
    with pytest.raises(PrivateAddressRefused):
        client.get("http://192.168.1.1/admin")
    assert server.paths() == ["http://news.example.invalid/a.html"]
