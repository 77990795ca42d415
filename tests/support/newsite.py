"""A small news site for refresh tests and benchmarks: index pages with pagination, article
pages the extractor accepts, an optional RSS feed, served by the loopback test server."""

from __future__ import annotations

from dataclasses import dataclass, field

PARAS = [
    "淮北市今天召开全市重点工作推进会议，会议总结了上半年各项工作进展情况，并对下半年工作作出安排部署。",
    "会议指出，要坚持以人民为中心的发展思想，持续改善民生福祉，推动经济社会高质量发展取得新成效。",
    "与会人员围绕产业转型、城市更新和生态保护等议题展开讨论，提出了许多具有针对性的意见和建议。",
    "会议强调，各级各部门要压实责任、强化协同，确保各项目标任务按时保质完成，以实际行动回应群众期盼。",
]


def article_html(n: int, *, edit: str = "", image: str | None = None) -> str:
    title = f"淮北新闻第{n}号：重点工作推进会议召开"
    paras = "".join(f"<p>{p}（第{n}篇）</p>" for p in PARAS)
    img = f'<p><img src="{image}" alt="现场"></p>' if image else ""
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}_测试新闻网</title>"
            "</head><body><div class='nav'><a href='/'>首页</a> <a href='/list/'>本地</a></div>"
            f"<div class='article'><h1>{title}</h1><div class='info'>发布时间：2024-05-01 10:00"
            f" 来源：淮北日报</div>{img}{paras}<p>{edit}</p></div>"
            "<div class='footer'>版权所有 测试新闻网</div></body></html>")


def article_path(n: int) -> str:
    return f"/news/2024/05/01/{1000 + n}.html"


def index_html(ids: list[int], next_path: str | None) -> str:
    items = "".join(f"<li><a href='{article_path(i)}'>淮北新闻第{i}号：重点工作推进会议召开</a>"
                    "<span>2024-05-01</span></li>" for i in ids)
    nxt = f"<div class='pages'><a href='{next_path}'>下一页</a></div>" if next_path else ""
    return ("<!doctype html><html><head><meta charset='utf-8'><title>测试新闻网</title></head>"
            "<body><div class='nav'><a href='/'>首页</a> <a href='/about.html'>关于我们</a>"
            f"</div><ul class='list'>{items}</ul>{nxt}</body></html>")


def feed_xml(base: str, ids: list[int]) -> str:
    items = "".join(f"<item><title>第{i}号</title><link>{base}{article_path(i)}</link>"
                    "<pubDate>Wed, 01 May 2024 02:00:00 GMT</pubDate></item>" for i in ids)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>测试新闻网 RSS</title><link>{base}/</link>{items}</channel></rss>")


@dataclass
class Site:
    """What the site serves; change ``edits`` to make an article's text change."""

    count: int
    per_page: int = 20
    edits: dict[int, str] = field(default_factory=dict)
    images: bool = False

    def pages(self) -> list[list[int]]:
        ids = list(range(self.count, 0, -1))  # newest first
        return [ids[i:i + self.per_page] for i in range(0, len(ids), self.per_page)] or [[]]

    def index_path(self, page: int) -> str:
        return "/" if page == 1 else f"/index_{page}.html"


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def serve(site: Site, server, *, validators: bool = True, feed: bool = False,
          robots: str | None = None) -> None:
    """Route ``site`` on a ``support.loopback.LoopbackServer``. With ``validators`` every
    page has an ETag (a hash of its body) and answers 304 to a matching If-None-Match."""
    import hashlib

    from support.loopback import Reply

    def respond(req, body: str | bytes, ctype: str = "text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": ctype}
        if validators:
            tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            headers["ETag"] = tag
            if req.headers.get("if-none-match") == tag:
                return Reply(304, b"", headers)
        return Reply(200, data, headers)

    pages = site.pages()
    for number, ids in enumerate(pages, start=1):
        nxt = site.index_path(number + 1) if number < len(pages) else None
        server.route(site.index_path(number),
                     lambda req, ids=ids, nxt=nxt: respond(req, index_html(ids, nxt)))
    for n in range(1, site.count + 1):
        image = f"/img/{n}.png" if site.images else None
        server.route(article_path(n), lambda req, n=n, image=image: respond(
            req, article_html(n, edit=site.edits.get(n, ""), image=image)))
        if image:
            server.route(image, lambda req: Reply(200, PNG_1PX, {"Content-Type": "image/png"}))
    if feed:
        server.route("/feed.xml", lambda req: respond(
            req, feed_xml(server.base, list(range(site.count, 0, -1))),
            "application/rss+xml; charset=utf-8"))
    if robots is not None:
        server.route("/robots.txt", lambda req: Reply(200, robots.encode(),
                                                      {"Content-Type": "text/plain"}))
