"""Bare pages: a body of nothing but a little plain text is the article; look-alikes are not.

When no block wins the scoring, a page that is only a few lines of text (no navigation, no
form, no links elsewhere, no script app, no error wording) gives that text as its body.
Everything that merely looks that small (an app shell, a menu, an error page, a redirect,
an API answer) stays NotAnArticle, never noise.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import extract_article
from huaibei_reader.extract.bare import BARE_MAX_CHARS
from huaibei_reader.models import BlockKind

URL = "http://example.org/note.html"


def page(body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
            f"<body>{body}</body></html>").encode()


def no_article(data: bytes) -> str:
    with pytest.raises(NotAnArticle) as info:
        extract_article(data, URL)
    message = str(info.value)
    assert message and "\n" not in message and len(message) < 80
    return message


# --- bare pages that are their own content ------------------------------------------------

def test_a_body_of_one_word_is_the_article() -> None:
    data = page("\n        Hello\n    ", head="<meta name='description' content='&amp;#x0;'>")
    article = extract_article(data, URL)
    assert article.text == "Hello"
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH]


def test_script_links_carry_no_navigation_and_their_text_is_content() -> None:
    data = page("<a href='javascript:void(0)'>\n<p>first line</p>\n<p>second line</p>\n"
                "last words\n</a>", head="<title>Links that run scripts</title>")
    article = extract_article(data, URL)
    assert article.text == "first line\nsecond line\nlast words"
    assert article.title == "Links that run scripts"


def test_one_chinese_sentence_is_the_article() -> None:
    article = extract_article(page("<p>明天上午九点到十一点停水。</p>"), URL)
    assert article.text == "明天上午九点到十一点停水。"
    assert article.lang == "zh"


def test_the_headline_shown_again_is_the_title_not_the_body() -> None:
    data = page("<h1>停水通知</h1><p>明天上午停水两小时。</p>", head="<title>停水通知</title>")
    article = extract_article(data, URL)
    assert article.title == "停水通知"
    assert article.text == "明天上午停水两小时。"


def test_a_bare_button_link_and_structured_data_do_not_disqualify() -> None:
    data = page("<p>Back soon.</p><a href='#'>ok</a>",
                head="<script type='application/ld+json'>{\"@type\": \"WebPage\"}</script>")
    assert extract_article(data, URL).text == "Back soon.\nok"


# --- pages that only look small: never an article -----------------------------------------

@pytest.mark.parametrize("data", [
    b"",
    b" \n\t ",
    bytes(range(256)) * 40,
    page("   \n\t  "),
    page("<p>\u3000</p><div> </div>"),
    page("<p>—</p>"),
], ids=["empty", "whitespace", "binary", "blank-body", "blank-blocks", "a-dash"])
def test_nothing_to_read_is_not_an_article(data: bytes) -> None:
    no_article(data)


def test_a_script_app_shell_is_not_an_article() -> None:
    shell = page("<div id='app'></div><noscript>You need to enable JavaScript to run this "
                 "app.</noscript><script src='/static/js/chunk-vendors.4f1a.js'></script>"
                 "<script>window.__INITIAL_STATE__={}</script>", head="<title>Reader</title>")
    no_article(shell)


def test_an_app_shell_with_visible_text_is_not_an_article() -> None:
    no_article(page("<div id='root'><h1>Dashboard</h1><p>Welcome back</p></div>"
                    "<script src='/static/js/main.8c2e.js'></script>"))


@pytest.mark.parametrize("text", ["Loading…", "正在加载，请稍候", "Please enable JavaScript.",
                                  "页面加载中"])
def test_a_placeholder_is_not_an_article(text: str) -> None:
    no_article(page(f"<div class='splash'><p>{text}</p></div>"))


@pytest.mark.parametrize("body", [
    "<nav><a href='/'>Home</a> <a href='/news/'>News</a> <a href='/about/'>About</a></nav>",
    "<a href='/'>首页</a> <a href='/sh/'>社会</a> <a href='/ty/'>体育</a>",
    "<ul><li><a href='#one'>One</a></li><li><a href='#two'>Two</a></li></ul>",
    "<p>This page has moved to <a href='https://example.org/new'>a new address</a>.</p>",
], ids=["nav", "links", "contents-only", "moved-notice"])
def test_a_page_of_links_is_not_an_article(body: str) -> None:
    no_article(page(body))


@pytest.mark.parametrize("head, body", [
    ("<title>404 Not Found</title>",
     "<center><h1>404 Not Found</h1></center><hr><center>nginx/1.24.0</center>"),
    ("<title>Not Found</title>",
     "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>"),
    ("<title>Error</title>", "<p>Sorry about that.</p>"),
    ("<title>503 Service Unavailable</title>", "<p>Back shortly.</p>"),
    ("<title>提示信息</title>", "<p>抱歉，您访问的页面不存在。</p>"),
    ("<title>Just a moment...</title>", "<p>Checking your browser.</p>"),
    ("", "<h2>403</h2><p>nothing here</p>"),
], ids=["nginx", "apache", "error-title", "503", "zh-missing", "challenge", "bare-code"])
def test_an_error_page_is_not_an_article(head: str, body: str) -> None:
    no_article(page(body, head=head))


def test_a_login_form_is_not_an_article() -> None:
    no_article(page("<form action='/login' method='post'><label>User name</label>"
                    "<input name='u'><label>Password</label><input type='password' name='p'>"
                    "</form>"))


def test_a_frameset_page_is_not_an_article() -> None:
    no_article(b"<html><head><title>Archive</title></head><frameset cols='20%,80%'>"
               b"<frame src='menu.html'><frame src='main.html'></frameset>"
               b"<noframes><p>Your browser cannot show frames</p></noframes></html>")


def test_hidden_text_is_not_bare_content() -> None:
    no_article(page("<div style='display:none'>internal build number and notes</div>"))


def test_a_page_with_site_furniture_is_not_bare() -> None:
    no_article(page("<p>Hello there.</p><footer>Example Co.</footer>"))


def test_an_api_answer_served_as_a_page_is_not_an_article() -> None:
    no_article(page('{"status": "ok", "items": []}'))


def test_text_only_in_noscript_or_template_does_not_count() -> None:
    no_article(page("<noscript>This site works best with scripts turned on today</noscript>"
                    "<template><p>Row template text</p></template>"))


def test_more_than_a_little_text_is_not_bare() -> None:
    lines = "".join(f"<div>entry {i}</div>" for i in range(BARE_MAX_CHARS // 6))
    no_article(page(lines))


# --- properties ---------------------------------------------------------------------------

_words = st.text(alphabet=st.characters(whitelist_categories=("L", "Nd", "Zs")),
                 min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_words, st.sampled_from(["/a", "/news/1.html", "https://x.org/",
                                                   "?p=2", "b.html", ""])),
                min_size=1, max_size=8))
def test_links_alone_never_make_an_article(links: list[tuple[str, str]]) -> None:
    # links that lead elsewhere; jumps within the page are text to the engine (a contents
    # list inside an article), and a short page of them is covered by the bare-page rule
    body = " ".join(f"<a href='{href}'>{text}</a>" for text, href in links)
    with pytest.raises(NotAnArticle):
        extract_article(page(body), URL)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["404 Not Found", "Page not found", "500 Internal Server Error",
                        "页面不存在", "403 Forbidden", "Access denied"]), _words)
def test_a_short_page_titled_as_an_error_is_never_an_article(title: str, text: str) -> None:
    with pytest.raises(NotAnArticle):
        extract_article(page(f"<p>{text}</p>", head=f"<title>{title}</title>"), URL)
