"""Boilerplate markers and metadata patterns, named and compiled once.

Every list here is generic: words and shapes that mean the same thing on any site.
Nothing names a particular site or page.
"""

from __future__ import annotations

import re

# Elements whose whole subtree never holds article text.
DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas",
             "template", "input", "select", "textarea", "button", "option", "map", "audio",
             "video", "source", "link", "meta", "title", "annotation")

# Elements that start a new block of text (everything else is inline).
BLOCK_TAGS = frozenset(
    "p div td th tr table tbody thead tfoot caption li ul ol dl dt dd h1 h2 h3 h4 h5 h6 "
    "blockquote pre section article main header footer nav aside figure figcaption form "
    "fieldset legend address center hr body html details summary dir menu".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())

# Semantic elements that are page furniture, not the story.
FURNITURE_TAGS = frozenset("nav aside footer header menu".split())

# class/id words of furniture; a name that also says "content" is not furniture.
FURNITURE_NAMES = re.compile(
    r"comment|disqus|respond|reply|sidebar|side-bar|sidebox|\bside\b|widget|footer|\bfoot\b|"
    r"\bnav|navbar|navigation|menu|breadcrumb|crumb|share|sharing|social|sns|bshare|jiathis|"
    r"related|recommend|relate|xgyd|xgxw|\btj\b|hot-?news|\brank|popular|trending|"
    r"\bads?\b|advert|adsbygoogle|banner|sponsor|promo|popup|modal|cookie|newsletter|"
    r"subscribe|signup|login|pagination|pager|paging|toolbar|\btools?\b|right-?rail|left-?rail|side-?rail|"
    r"copyright|friendlink|friend-?link|links?box|\blinks\b|masthead|topbar|top-bar|"
    r"byline-social|author-?bio|tags?-?list|\btags\b|\bskip|\bprint\b|"
    r"prev-?next|next-?prev|pre-?next|\bprev(?:ious)?\b|post-?nav|article-?nav|"
    r"\bnext-?(?:post|article|story|news|entry)\b|\bprev(?:ious)?-?(?:post|article|story|news|entry)\b",
    re.I)
# Every alternative of FURNITURE_NAMES contains one of these (a cheap first test).
FURNITURE_STEMS = ("comment", "disqus", "respond", "reply", "side", "widget", "foot", "nav",
                   "menu", "crumb", "shar", "social", "sns", "jiathis", "relat", "recommend",
                   "xgyd", "xgxw", "tj", "hot", "rank", "popular", "trending", "ad", "banner",
                   "sponsor", "promo", "popup", "modal", "cookie", "newsletter", "subscri",
                   "signup", "login", "pag", "toolbar", "tool", "rail", "copyright", "friend",
                   "link", "masthead", "topbar", "top-bar", "byline", "bio", "tag", "skip",
                   "print", "prev", "next")
STRONG_FURNITURE = re.compile(r"comment|disqus|respond|footer|copyright", re.I)
# class/id words of a comment thread (readers' words, never the story's): whole words, so
# "commented" (a post that has comments) and "commentary" (an opinion piece) are not one.
COMMENT_NAMES = re.compile(r"(?:^|[\s_-])(?:comments?|commentlist|commentbox|disqus\w*|respond)"
                           r"(?=$|[\s_-])", re.I)
# The heading of a comment thread: "网友评论（36）", "最新留言", "40 thoughts on “…”",
# "12 Comments", "Leave a Reply", "Reader comments".
COMMENTS_HEADING = re.compile(
    r"^[\s\[【(（]*(?:共\s*)?(?:\d+\s*(?:条|个)?\s*)?(?:网友|读者|用户|最新|热门|精彩|全部)?"
    r"(?:评论|留言|回复|跟帖|点评|回应)(?:列表|区)?\s*[(（\[【]?\s*(?:共\s*)?\d*\s*条?\s*"
    r"[)）\]】]?\s*[:：]?\s*$|"
    r"^\s*(?:\d+\s+)?(?:comments?|responses?|replies|reactions|discussion)\s*(?:\(\d+\))?\s*:?\s*$|"
    r"^\s*(?:one|\d+)\s+(?:thoughts?|responses?|comments?|replies|reactions)\s+(?:on|to)\b|"
    r"^\s*(?:leave|post|add|write) (?:a|your) (?:comment|reply|response)\b|"
    r"^\s*(?:reader|readers'|user) comments\b|^\s*join the discussion\b", re.I)
# A line that says who wrote and when: a date, a clock time or a relative time.
CLOCK_TIME = re.compile(r"\b[0-2]?\d[:：][0-5]\d\b")
RELATIVE_TIME = re.compile(
    r"\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|昨天|前天|"
    r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|"
    r"\byesterday\b", re.I)
CONTENT_NAMES = re.compile(
    r"article|content|\bmain|\bbody|entry|story|post-?text|text|\bzw\b|zhengwen|detail|"
    r"\bcont\b|neirong|\bcon\b", re.I)

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Sentence punctuation, Chinese and Western.
PUNCTUATION = re.compile(r"[，。！？；、：,.!?;:“”\"「」]")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# The end of a sentence: a full stop, question or exclamation mark (a Western full stop only
# before a space, a closing quote or the end, so "2.5" and "example.com" are not one).
SENTENCE_END = re.compile(r"[。！？!?…]|\.(?=$|\s|[\"”’')）])")
# What separates the phrases of a keyword or tag list.
PHRASE_SEPARATORS = re.compile(r"[\s,，、;；|｜/·]+")

# A whole line that is page furniture (short lines only are tested).
BOILERPLATE_LINE = re.compile(
    r"^[\s\[【(（]*("
    r"责任编辑|责编|编辑[:：]|编辑 |值班编辑|审核[:：]|校对[:：]|网络编辑|本文编辑|"
    r"分享到|分享至|一键分享|转发到|收藏本文|打印本[页文]|打印|关闭窗口|关闭本页|返回顶部|回到顶部|"
    r"返回首页|返回列表|上一篇|下一篇|上一页|下一页|上一条|下一条|【?字[号体][:：]|字号|"
    r"我要评论|发表评论|查看评论|网友评论|评论\s*\(|点击[:：]|阅读次数|浏览次数|"
    r"扫一扫|扫描二维码|手机看新闻|微信扫|关注我们|本文来源|[\u4e00-\u9fff]{0,4}声明[:：]|"
    r"展开全文|阅读全文|查看全文|查看原文|打开[\u4e00-\u9fff]{0,6}(?:app|客户端)|返回\S{0,6}查看更多|"
    r"copyright|©|all rights reserved|share this|share on|tweet|follow us|advertisement|"
    r"read more|related:|sign up|subscribe|click here|"
    r"(photo|image|picture|credit|caption|video)s?\s*(:|by\b|credit)|caption$|close$|"
    r"back to gallery|getty images$|the associated press$|图片来源|视频加载中|advert$|"
    r"(?:正在加载|加载中|载入中|loading)\s*(?:\.{2,}|…+|。+)?\s*$|"
    r"(?:[\w ]{0,40}\b)?(?:requires?|needs?|enable|turn on) (?:\w+ ){0,2}javascript\b|"
    r"join the conversation|\[\w+ [^\]]*\].*\[/\w+\]$"
    r")", re.I)

# Headings after which the rest of the container is no longer the story.
SECTION_END = re.compile(
    r"^[\s\[【(（]*("
    r"相关资讯|相关阅读|相关新闻|相关文章|相关链接|相关报道|相关推荐|延伸阅读|推荐阅读|"
    r"热点推荐|热门推荐|热门文章|热点新闻|热门新闻|猜你喜欢|更多新闻|更多阅读|精彩推荐|"
    r"友情链接|网友评论|最新评论|发表评论|评论列表|图片新闻|今日推荐|编辑推荐|"
    r"为您推荐|为你推荐|推荐新闻|更多推荐|更多精彩|大家都在看|热门阅读|相关专题|往期回顾|"
    r"你可能感兴趣|您可能感兴趣|猜您喜欢|"
    r"related (articles|stories|posts|content|coverage)|you may also like|"
    r"you might also like|more from|recommended|read next|up next|"
    r"more\b[\w ]{0,30}\b(?:stories|news|articles|reads)\s*$|"
    r"editor'?s picks|most (read|popular)|comments?\s*$|leave a (comment|reply)|"
    # the same in the other languages of the benchmark sets
    r"voc[êe] (?:tamb[ée]m )?pode gostar|leia tamb[ée]m|veja tamb[ée]m|"
    r"(?:tambi[ée]n )?te puede interesar|lee tambi[ée]n|noticias relacionadas|"
    r"vous aimerez aussi|[àa] lire aussi|lire aussi|sur le m[êe]me sujet|"
    r"das k[öo]nnte sie auch interessieren|mehr zum thema|weitere artikel|"
    r"potrebbe interessarti|leggi anche|articoli correlati"
    r")\s*[\]】)）:：]?", re.I)

# Lines that carry the dateline / source / author: metadata, not body text.
META_LINE = re.compile(
    r"(发布时间|发表时间|更新时间|时间[:：]|日期[:：]|来源[:：]|来源于|作者[:：]|记者|通讯员|"
    r"浏览[:：]|浏览次数|点击数|阅读[:：]|发表于|发布于|编辑[:：]|责任编辑|字号|【大 中 小】|"
    r"\bposted\b|\bupdated\b|\bpublished\b|\bby\b)", re.I)

DATE_IN_TEXT = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]|\s)\s*(?P<m>[01]?\d)\s*(?:[-/.月]|\s)\s*(?P<d>[0-3]?\d)"
    r"\s*日?(?:[\sT,]*(?P<H>[0-2]?\d)\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?)?")
# "By Jane Doe and John Roe" at the start of a short line.
AUTHOR_EN = re.compile(
    r"^\s*(?:posted |written )?by\s+(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}){0,4})", re.I)
BYLINE_ONLY = re.compile(
    r"^[(（【\[]?\s*(?:本报|本网)?(?:记者|通讯员|作者|文|撰文|实习生)\s*[:：/]?\s*"
    r"[\u4e00-\u9fff·\s、,，]{2,30}[)）】\]]?$")
# Reporters named in brackets at the very end of the story: "(张三 李四)".
TRAILING_REPORTERS = re.compile(
    r"[(（]\s*((?:(?:记者|通讯员|实习生)\s*)?[\u4e00-\u9fff·]{2,4}"
    r"(?:[\s、，,]+(?:(?:记者|通讯员|实习生)\s*)?[\u4e00-\u9fff·]{2,4}){0,5})\s*[)）]\s*$")
# Title suffixes: "Headline - Site", "Headline_频道_新浪网".
TITLE_SEPARATORS = re.compile(r"\s*(?:[|｜_–—]|\s-\s|::|»)\s*")

ELLIPSIS = re.compile(r"(\.\.\.|…+|。。。)\s*$")

# Lines that caption a photo: "(赵雪 摄)", "图为…", "图：…"; class names of caption boxes.
CAPTION_TEXT = re.compile(r"(摄\s*[)）]?\s*$|^\s*[(（]?\s*图\s*[为:：]|^\s*图片来源|^\s*photo:|"
                          r"\((photo|image|credit)[^)]*\)\s*$)", re.I)
CAPTION_NAMES = re.compile(r"caption|pic-?info|pic-?txt|img-?desc|photo-?desc|picnote|"
                           r"\bdesc\b|\bexplain\b|tuzhu|\bnote\b", re.I)

# Prose that is never the story: cookie/consent notices, copyright and licence footers.
LEGAL_TEXT = re.compile(
    r"(\bcookies?\b.{0,200}\b(website|browser|consent|experience|opt[- ]out|accept|privacy)\b|"
    r"\ball rights reserved\b|版权所有|ICP备|ICP证|未经(书面)?授权|不得转载|免责声明|"
    r"仅代表作者(?:本人)?(?:个人)?(?:的)?观点|不代表本(?:站|网|平台|报|刊)|仅提供信息存储|"
    r"\bprivacy policy\b.{0,80}\bterms\b)", re.I | re.S)

# English datelines: "November 19, 2019 at 8:59 pm", "19 Nov 2019", "Nov. 18, 2019".
EN_DATE = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r",?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?"
    r"\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\b", re.I)
EN_META_WORDS = re.compile(r"\b(published|updated|posted|last modified|modified|by|min read|"
                           r"read time|reading time)\b", re.I)

# Promotional lines anywhere in a short line: newsletters, follow-us, tips, app downloads.
PROMO_LINE = re.compile(
    r"(\bsubscribe\b|\bnewsletters?\b|\bsign up (for|to)\b|\bfollow (us|him|her|me|them) on\b|"
    r"\bhave a tip\?|\bdownload (our|the) app\b|"
    r"关注我们|扫描二维码|扫码关注|下载客户端|订阅我们)", re.I)

# A photo caption out of place (no image kept before it): "(AP Photo/...)", "file photo".
PHOTO_CREDIT = re.compile(
    r"(\((AP|AFP|Reuters|Getty|EPA|Xinhua|新华社)[^)]{0,60}\)\s*$|\bfile photo\b|\bAP Photo\b|"
    r"^\s*(photo|photograph|image|credit)\s*:|（?(图|摄影)\s*/\s*[\u4e00-\u9fff]{2,4}）?\s*$)",
    re.I)

_PROMO_STEMS = ("subscribe", "newsletter", "sign up", "follow", "have a tip",
                "download", "关注我们", "扫描二维码", "扫码关注", "下载客户端", "订阅我们")


def is_promo_line(text: str) -> bool:
    """PROMO_LINE.search, with a cheap test first (every alternative holds one of the stems)."""
    low = text.lower()
    return any(s in low for s in _PROMO_STEMS) and PROMO_LINE.search(text) is not None


def is_photo_credit(text: str) -> bool:
    """PHOTO_CREDIT.search, with a cheap test first (what every alternative needs)."""
    low = text.lower()
    if not (text.rstrip().endswith(")") or "photo" in low or "image" in low
            or "credit" in low or "图" in text or "摄影" in text):
        return False
    return PHOTO_CREDIT.search(text) is not None

# A bare page (no story wins, only a little text) that says it is an error, a block or a
# deleted page, in its <title>, its headings or its text: nothing to read.
ERROR_PAGE = re.compile(
    r"(^\s*(?:error\s*)?[45]\d\d\s*$|\b(?:error|http|status)\s*[45]\d\d\b|"
    r"\b[45]\d\d\s*[-:–—|]?\s*(?:error|not found|forbidden|unauthori[sz]ed|bad request|gone|"
    r"internal|service|gateway|page)\b|"
    r"\bnot found\b|\bpage (?:is )?(?:missing|unavailable)\b|\bforbidden\b|\baccess denied\b|"
    r"\bbad (?:request|gateway)\b|\bservice (?:temporarily )?unavailable\b|"
    r"\binternal server error\b|\bgateway time-?out\b|\btoo many requests\b|"
    r"\bunauthori[sz]ed\b|\b(?:under|down for) (?:maintenance|construction)\b|\bcoming soon\b|"
    r"\bno longer (?:available|exists)\b|\b(?:has been|was) (?:removed|deleted)\b|"
    r"\b(?:does not|doesn.t|did not|didn.t) exist\b|\bjust a moment\b|"
    r"\bchecking your browser\b|\battention required\b|\bcaptcha\b|"
    r"\bverify (?:that )?you are (?:a )?human\b|\bsomething went wrong\b|^\s*error\s*$|"
    r"页面不存在|网页不存在|文章不存在|内容不存在|信息不存在|找不到|未找到|无法找到|无法访问|"
    r"不能访问|已删除|已被删除|已下线|已过期|出错|错误|禁止访问|拒绝访问|访问受限|无权访问|"
    r"没有权限|服务器|维护中|正在维护|建设中|升级中|验证码|安全验证|人机验证)",
    re.I | re.M)

# A bare page whose text is a placeholder for content a script or a redirect brings.
NOT_CONTENT_TEXT = re.compile(
    r"(\bloading\b|\bplease wait\b|"
    r"\b(?:enable|turn on|activate|requires?|needs?|allow) (?:\w+ ){0,2}javascript\b|"
    r"\bjavascript (?:is )?(?:required|disabled|needed|must be enabled|is off)\b|"
    r"\bredirect(?:ing|ed)?\b|\bbrowser (?:is )?not supported\b|\bupgrade your browser\b|"
    r"加载中|正在加载|载入中|请稍候|请稍后|正在跳转|页面跳转|即将跳转|自动跳转|"
    r"请(?:开启|启用|打开|允许).{0,8}(?:javascript|脚本)|浏览器不支持|升级.{0,6}浏览器)",
    re.I)


def looks_like_data(text: str) -> bool:
    """JSON (an API answer served as a page) rather than words for a reader."""
    text = text.strip()
    return len(text) >= 2 and (text[0], text[-1]) in (("{", "}"), ("[", "]"))
