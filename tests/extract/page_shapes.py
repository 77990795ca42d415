"""Hand-made pages in the shapes that failed on unseen sites (issue 13).

Each builder returns page bytes shaped like a real site of its kind: a WordPress post under
a long comment thread, a Chinese blog whose comments carry no telling class names, a blog
archive, an SEO keyword wall, a finance story followed by recommendation lists, a photo
gallery, a long notice ending in short lines and a fee table, a story followed by a longer
one, a lead paragraph in the article's <header>, a story split around a figure and a quote.
The texts are our own. Tests import the paragraphs to say what must and must not come out.
"""

from __future__ import annotations

# ---- English prose ----------------------------------------------------------------------

POST_EN = [
    "Last spring I finally rebuilt the old garden shed that came with the house. It had "
    "leaned a little further east every winter, and by March the door no longer closed.",
    "The frame was sound once the rotten sill was cut out, so I kept the studs, replaced "
    "the floor joists with treated timber and poured four small concrete pads to sit it on.",
    "Cladding took the longest. Rough-sawn larch boards went on vertically, each one "
    "overlapping the next by an inch, and I left them unpainted to silver in the weather.",
    "The whole job cost a little under four hundred pounds and three weekends of work, "
    "which is less than a new flat-pack shed and a great deal more satisfying.",
]

COMMENTERS = ["Margaret", "dave_k", "Tom Hollis", "Priya", "woodworker66", "Anne-Marie",
              "Lucas", "Helen B", "Sam", "R. Patel", "Jo", "Kieran"]

COMMENT_TEXTS = [
    "This is brilliant, thank you for writing it all down. Our shed is in exactly the same "
    "state and I had assumed it would have to come down completely. Did you need any "
    "special tools for cutting out the sill, or was a handsaw enough for the job?",
    "Larch is a great choice, we used it on our cabin eight years ago and it has gone a "
    "lovely grey without any treatment at all. The only thing I would add is to use "
    "stainless screws, because the tannins in the wood stain ordinary ones within a year.",
    "How did you level the concrete pads? Our garden slopes quite a lot towards the back "
    "fence and I am worried that the shed will rack over time if the base is not perfect.",
    "Four hundred pounds seems very reasonable for what you got. We paid nearly twice that "
    "for a kit last year and the panels are already warping where the rain hits them.",
    "I love the photos of the finished cladding. Did you put a breathable membrane behind "
    "the boards, or are they fixed straight onto the frame? I have read both approaches "
    "recommended and cannot decide which one is right for a small building like this.",
    "We did something similar with an old chicken coop and turned it into a potting shed. "
    "The hardest part for us was getting the door to hang straight after all those years.",
]


def _comment_thread_wordpress(count: int) -> str:
    items = []
    for i in range(count):
        name = COMMENTERS[i % len(COMMENTERS)]
        text = COMMENT_TEXTS[i % len(COMMENT_TEXTS)]
        items.append(f"""
<li id="comment-{1200 + i}" class="comment {'even' if i % 2 else 'odd'} thread-odd depth-1">
 <article id="div-comment-{1200 + i}" class="comment-body">
  <footer class="comment-meta">
   <div class="comment-author vcard"><img alt="" src="/avatar/{i}.png" class="avatar"
     height="42" width="42"><b class="fn">{name}</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><a href="/2019/05/shed/#comment-{1200 + i}">
    <time datetime="2019-05-{(i % 27) + 1:02d}T09:12:00+00:00">May {(i % 27) + 1}, 2019 at
    9:12 am</time></a></div>
  </footer>
  <div class="comment-content"><p>{text}</p><p>Thanks again, {name.split()[0]}.</p></div>
  <div class="reply"><a rel="nofollow" class="comment-reply-link"
     href="?replytocom={1200 + i}#respond">Reply</a></div>
 </article>
</li>""")
    return "".join(items)


def blog_post_with_comments_en(comments: int = 40, paragraphs: int = 4) -> bytes:
    """A WordPress post (its first ``paragraphs``) over a thread of ``comments`` comments."""
    post = "".join(f"<p>{p}</p>" for p in POST_EN[:paragraphs])
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>Rebuilding the garden shed &#8211; Notes from a small garden</title>
<meta property="og:title" content="Rebuilding the garden shed">
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Notes from a
small garden</a></p><p class="site-description">Digging, building and mending, slowly</p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">Home</a></li><li><a href="/about/">About</a></li>
<li><a href="/category/building/">Building</a></li><li><a href="/contact/">Contact</a></li>
</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-812" class="post-812 post type-post status-publish format-standard">
 <header class="entry-header"><h1 class="entry-title">Rebuilding the garden shed</h1>
 <div class="entry-meta"><span class="posted-on">Posted on <a href="/2019/05/shed/">
 <time class="entry-date published" datetime="2019-05-02T08:00:00+00:00">May 2, 2019</time>
 </a></span><span class="byline"> by <span class="author vcard"><a class="url fn n"
 href="/author/ellen/">Ellen</a></span></span></div></header>
 <div class="entry-content">{post}</div>
 <footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/building/"
 rel="category tag">Building</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous">
<a href="/2019/04/compost/" rel="prev">Three compost bins</a></div><div class="nav-next">
<a href="/2019/06/pond/" rel="next">A pond in a weekend</a></div></div></nav>
<div id="comments" class="comments-area">
 <h2 class="comments-title">{comments} thoughts on &ldquo;Rebuilding the garden shed&rdquo;</h2>
 <ol class="comment-list">{_comment_thread_wordpress(comments)}</ol>
 <div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">
 Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform">
 <p class="comment-notes">Your email address will not be published.</p></form></div>
</div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">Recent Posts</h2><ul><li><a href="/2019/06/pond/">A pond in a
weekend</a></li><li><a href="/2019/04/compost/">Three compost bins</a></li></ul></section>
</aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by a
blogging engine</div></footer></div></body></html>""".encode()


# ---- Chinese blog with comments that carry no telling class names ------------------------

POST_ZH = [
    "周末回了一趟老家。村口那棵老槐树还在，树下的石碾子却不见了，听说前年修路时被挪到了村委会"
    "的院子里，当作摆设。",
    "母亲早早在门口等着，锅里炖着腊肉，灶膛里的柴火噼啪作响。她说今年雨水多，后山的竹笋长得"
    "特别好，让我走的时候带一袋回城。",
    "吃过午饭，我和父亲去地里看了看。玉米已经收完了，剩下一垄垄的秸秆，父亲说过几天要翻地，"
    "准备种冬小麦。他的背比去年更弯了一些，走路却还是很快。",
    "傍晚回城的路上，车窗外的田野一点点暗下来。我想起小时候放学回家，远远就能看见自家屋顶上的"
    "炊烟，那是这世上最踏实的风景。",
]

COMMENTS_ZH = [
    "读着读着就想家了。我们村口也有一棵老树，小时候夏天大家都在树下乘凉，现在村里的年轻人"
    "都出去打工了，树下只剩几个老人。有空真该多回去看看父母。",
    "写得真好，很有画面感。腊肉炖竹笋是我最喜欢的家乡菜，每年过年妈妈都会做一大锅，可惜现在"
    "离家太远，一年只能回去一次。",
    "父亲的背比去年更弯了，这一句看得我眼眶一热。父母老得比我们想象的快，能陪伴的时候要多陪伴。",
    "博主的文字一直很朴实，不做作，我每篇都会看。期待下一篇写写家乡的年俗，比如腊月里杀年猪、"
    "做豆腐这些，现在城里的孩子都没见过了。",
    "同感。我老家的石碾子也早就没了，去年回去想找找看，村里人都说不知道被谁拉走了，挺可惜的。",
]
COMMENT_NAMES_ZH = ["山里的风", "小鱼儿", "老街坊", "静水流深", "游子", "晴天", "南方的雨"]


def blog_post_with_comments_zh(comments: int = 36, paragraphs: int = 4) -> bytes:
    """A Chinese blog post; the comment list's elements are named for layout, not content."""
    post = "".join(f"<p>{p}</p>" for p in POST_ZH[:paragraphs])
    items = "".join(
        f'<li class="item"><div class="info"><span class="name"><a href="/u/{i}">'
        f"{COMMENT_NAMES_ZH[i % len(COMMENT_NAMES_ZH)]}</a></span>"
        f'<span class="time">2012-10-{(i % 28) + 1:02d} {8 + i % 12}:{i * 7 % 60:02d}</span>'
        f'</div><div class="txt">{COMMENTS_ZH[i % len(COMMENTS_ZH)]}</div></li>'
        for i in range(comments))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>回家_山居笔记_个人空间</title></head><body>
<div class="top"><a href="/">首页</a> | <a href="/photo">相册</a> | <a href="/msg">留言板</a></div>
<div class="wrap"><div class="left">
<div class="box"><h3>个人资料</h3><p>山居笔记</p><p>访问：12345</p></div>
<div class="box"><h3>文章分类</h3><ul><li><a href="/c/1">随笔</a></li><li><a href="/c/2">游记
</a></li></ul></div></div>
<div class="right">
<div class="art"><h2 class="tit">回家</h2><div class="time">2012-10-01 21:35:08</div>
<div class="con">{post}</div>
<div class="tag">标签：<a href="/t/1">故乡</a> <a href="/t/2">父母</a></div></div>
<div class="list_box"><div class="hd"><h3>网友评论（{comments}）</h3></div>
<ul class="list">{items}</ul></div>
</div></div>
<div class="copy">Copyright 2012 山居笔记</div></body></html>""".encode()


# ---- A blog archive page: several whole posts, no per-post class names ------------------

ARCHIVE_POSTS = [
    ("Three compost bins", "April 21, 2019", [
        "We finally have a proper compost system: three bays built from pallets, one filling, "
        "one rotting down and one ready to use. Turning the heap from one bay to the next once "
        "a month has halved the time it takes to get usable compost.",
        "The pallets came free from a builders' merchant down the road, and the only money "
        "spent was on hinges and a few lengths of wire for the front boards.",
    ]),
    ("A new hedge", "April 9, 2019", [
        "Forty bare-root hawthorn and hazel whips went in along the back fence this month. "
        "They look like a row of sticks now, but in three or four years they should make a "
        "dense hedge that the sparrows will love.",
        "Planting them in a double staggered row was slow, and the clay was heavy, but a "
        "mulch of wood chip should keep the weeds down while they establish.",
    ]),
    ("Seed potatoes are chitting", "March 30, 2019", [
        "The seed potatoes are lined up in egg boxes on the spare room windowsill, sprouting "
        "short green shoots. First earlies go in at the end of the month if the soil warms.",
        "This year we are trying two new varieties alongside the old favourite, to see which "
        "copes best with the wet corner at the bottom of the garden.",
    ]),
    ("Winter pruning", "March 12, 2019", [
        "The apple trees got their winter prune before the buds broke: crossing branches out, "
        "the centre opened up, and last year's water shoots cut back hard.",
        "It is always tempting to take off too much, so the rule here is never more than a "
        "quarter of the canopy in one year.",
    ]),
]


def blog_archive_en(digest: bool = False) -> bytes:
    """An archive page of an old blog template: each post a heading, a date and paragraphs
    in one flat column, no element of its own per post. ``digest``: the page is a weekly
    digest whose own title heads the list (the list is what the page is)."""
    posts = []
    for title, date, paras in ARCHIVE_POSTS:
        slug = title.lower().replace(" ", "-")
        posts.append(f'<h2 class="date-header">{date}</h2>'
                     f'<h3><a href="/2019/{slug}.html">{title}</a></h3>'
                     + "".join(f"<p>{p}</p>" for p in paras)
                     + f'<p class="post-footer">posted by Ellen at 8:00 AM | '
                     f'<a href="/2019/{slug}.html#comments">2 comments</a></p>')
    title = ("Garden notes digest for April 2019" if digest
             else "Notes from a small garden: April 2019")
    heading = f"<h2>{title}</h2>" if digest else ""
    return f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div id="header"><h1><a href="/">Notes from a small garden</a></h1></div>
<div id="main">{heading}{''.join(posts)}
<p><a href="/2019/02/">Older posts</a></p></div>
<div id="sidebar"><h2>Archive</h2><ul><li><a href="/2019/04/">April 2019</a></li>
<li><a href="/2019/03/">March 2019</a></li></ul></div>
</body></html>""".encode()


# ---- An SEO keyword wall as the largest block --------------------------------------------

STORY_ZH = [
    "记者从市交通运输局获悉，连接城区与高铁站的快速公交线路将于本月28日正式开通，全程"
    "设站12座，高峰时段发车间隔不超过5分钟。",
    "据介绍，新线路采用专用车道，沿途路口设置公交信号优先，预计全程运行时间约25分钟，比"
    "原有线路缩短近一半。首末班时间分别为早6时和晚10时30分。",
    "开通初期，市民持本市公交卡乘车享受八折优惠，65岁以上老人凭老年卡免费乘车。交通部门"
    "提醒，试运行期间部分站点周边道路仍在施工，请市民注意出行安全。",
]

SEO_WORDS = ["快速公交", "高铁站", "公交线路", "开通时间", "票价", "公交卡", "优惠", "老年卡",
             "首末班", "发车间隔", "线路图", "站点", "换乘", "地铁", "出租车", "网约车",
             "停车场", "长途汽车站", "机场大巴", "旅游专线"]
SEO_CITIES = ["北京", "上海", "广州", "深圳", "天津", "重庆", "成都", "武汉", "南京", "杭州",
              "西安", "郑州", "合肥", "济南", "长沙", "福州", "昆明", "沈阳", "哈尔滨", "南宁"]


def seo_keyword_page_zh() -> bytes:
    """A short news story; below it a 'hot searches' block of thousands of keyword phrases."""
    story = "".join(f"<p>{p}</p>" for p in STORY_ZH)
    phrases = [f"{city}{word}" for city in SEO_CITIES for word in SEO_WORDS] * 3
    wall = " ".join(phrases)
    return f"""<html><head><meta charset="utf-8"><title>快速公交线路本月28日开通_本地新闻</title>
</head><body><div class="head"><a href="/">首页</a> <a href="/local">本地</a></div>
<div class="main"><h1>快速公交线路本月28日开通</h1><div class="info">2020-09-15 10:21 来源：本站
</div><div class="text">{story}</div></div>
<div class="words"><div class="t">热门搜索</div><div class="c">{wall}</div></div>
<div class="foot">关于我们 | 联系方式</div></body></html>""".encode()


STORY_EN = [
    "The city council voted on Tuesday to turn the disused rail yard north of the river "
    "into a public park, ending a decade of arguments about what to do with the site.",
    "Under the plan, the old engine shed will be restored as a market hall, while the rest "
    "of the eleven-acre yard becomes meadow, woodland and a network of walking paths.",
    "Work is expected to start next spring. The council said the first phase, including "
    "the market hall, should open to the public in the summer of the following year.",
]


def seo_keyword_page_en() -> bytes:
    """A short story, then a tag cloud of keyword phrases without a single sentence mark."""
    story = "".join(f"<p>{p}</p>" for p in STORY_EN)
    words = ["park", "rail yard", "market hall", "council vote", "walking paths", "meadow",
             "woodland", "engine shed", "city plans", "riverside", "public space",
             "restoration", "housing", "transport", "planning", "green space"]
    places = ["north", "south", "east", "west", "central", "riverside", "old town",
              "harbour", "station", "university"]
    wall = " ".join(f"{p} {w}" for p in places for w in words) * 4
    return f"""<html><head><meta charset="utf-8"><title>Rail yard to become a park | The Herald
</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><h1>Rail yard to become a park</h1><p class="byline">By Sara Lind, March 3, 2021</p>
<div class="story-body">{story}</div></main>
<div class="seo-block"><span>Popular searches:</span> <p>{wall}</p></div>
<footer>About us | Contact</footer></body></html>""".encode()


# ---- A finance story followed by recommendation lists (portal style) ---------------------

FINANCE_ZH = [
    "9月7日，沪深两市三大指数集体高开，截至收盘，上证指数报2999.60点，涨幅0.84%；深证"
    "成指报9636.84点，涨幅1.15%；创业板指报1660.79点，涨幅1.36%。",
    "两市成交额合计约7400亿元，较前一交易日有所放大。北向资金全天净买入逾60亿元，连续第"
    "三个交易日净流入。",
    "盘面上，券商、保险等大金融板块表现活跃，半导体、消费电子板块涨幅居前，农业、白酒板块"
    "小幅调整。分析人士认为，近期政策面利好频出，市场风险偏好有望继续回升。",
    "不过也有机构提醒，当前市场整体估值已回到历史中枢附近，短期或以震荡为主，投资者应关注"
    "业绩确定性较强的优质标的，避免盲目追高。",
]
RECOMMENDED_ZH = [
    ("央行开展逆回购操作 市场流动性保持合理充裕", "新浪财经", "2小时前"),
    ("多家银行下调存款利率 专家解读对理财市场影响", "证券时报", "3小时前"),
    ("外资机构密集调研 这些板块受到青睐", "中国证券报", "3小时前"),
    ("新能源汽车销量再创新高 产业链公司业绩亮眼", "上海证券报", "4小时前"),
    ("黄金价格高位震荡 后市走势如何", "经济日报", "5小时前"),
    ("楼市新政密集出台 多地优化限购措施", "第一财经", "5小时前"),
]


def finance_with_recommendations_zh() -> bytes:
    """A market report; after it the portal's own lines, a 'more news' feed of linked
    headlines with their source and age, and a hot-topic list with teaser sentences."""
    story = "".join(f"<p>{p}</p>" for p in FINANCE_ZH)
    feed = "".join(
        f'<div class="feed-item"><h2><a href="/stock/{i}.shtml" target="_blank">{t}</a></h2>'
        f'<div class="feed-info"><span class="src">{s}</span><span class="time">{ago}</span>'
        f"</div></div>" for i, (t, s, ago) in enumerate(RECOMMENDED_ZH))
    teasers = "".join(
        f'<dl><dt><a href="/hot/{i}.shtml">{t}</a></dt><dd>{t}，记者调查发现，相关情况引发'
        f"市场广泛关注，业内人士对此看法不一。</dd></dl>"
        for i, (t, _s, _a) in enumerate(RECOMMENDED_ZH[:4]))
    return f"""<html><head><meta charset="utf-8"><title>三大指数集体收涨 北向资金净买入逾60亿元
_新浪财经_新浪网</title></head><body>
<div class="top-nav"><a href="/">新浪首页</a> <a href="/finance">财经</a> <a href="/stock">股票</a>
</div><div class="main-content w1240"><h1 class="main-title">三大指数集体收涨 北向资金净买入逾
60亿元</h1><div class="date-source"><span class="date">2019年09月07日 16:04</span>
<a class="source" href="http://example.cn">证券日报</a></div>
<div class="article-content clearfix"><div class="article" id="artibody">{story}
<p class="article-editor">责任编辑：王亮</p></div>
<div class="app-promo"><p>海量资讯、精准解读，尽在本站财经APP</p></div>
<div class="statement"><p>声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务。</p></div>
<div class="keywords"><span>文章关键词：</span><a href="/k/1">A股</a><a href="/k/2">北向资金</a>
</div>
<div class="feed-wrap"><div class="feed-tabs"><span>推荐</span><span>要闻</span><span>股票</span>
</div>{feed}</div>
<div class="hot-topics"><h3>热点专题</h3>{teasers}</div>
</div></div><div class="footer">客户服务热线：4000520066 Copyright © 1996-2019 All Rights
Reserved</div></body></html>""".encode()


def finance_with_picture_feed_zh() -> bytes:
    """A finance story inside the page's main column; after it, in the same column, a
    picture feed: each item a linked photo, an unlinked headline, a teaser and its source."""
    story = "".join(f"<p>{p}</p>" for p in FINANCE_ZH)
    feed = "".join(
        f'<div class="news-item"><a href="/a/{i}" target="_blank"><img src="/pic/{i}.jpg" '
        f'width="160" height="100"></a><div class="txt"><h4>{t}</h4><p>{t}。记者了解到，'
        f"相关部门正在研究具体措施，市场人士普遍认为影响有限。</p><span>{s} {ago}</span>"
        "</div></div>"
        for i, (t, s, ago) in enumerate(RECOMMENDED_ZH))
    return f"""<html><head><meta charset="utf-8"><title>三大指数集体收涨 北向资金净买入逾60亿元
_财经频道</title></head><body><div class="header"><a href="/">首页</a> <a href="/money">财经</a>
</div><div class="left main"><div class="text-title"><h1>三大指数集体收涨 北向资金净买入逾60亿元
</h1><div class="article-info"><span class="time">2019-09-07 16:04</span>
<span class="source">来源：证券日报</span></div></div>
<article class="article" id="mp-editor">{story}</article>
<p class="editor">责任编辑：<span>王亮</span></p>
<div class="area"><div class="title"><span>为您推荐</span></div>{feed}</div>
</div><div class="footer">版权所有</div></body></html>""".encode()


PORTAL_STORY_ZH = [
    "记者日前从市文化和旅游局获悉，今年国庆假期全市共接待游客312万人次，同比增长18.6%，"
    "实现旅游收入21.4亿元。",
    "假期期间，各大景区推出夜游、非遗展演等特色活动，乡村旅游持续升温，周边农家乐和民宿"
    "预订量较去年同期明显增加。",
    "文旅部门表示，下一步将继续丰富旅游产品供给，完善景区配套设施，提升游客体验。",
]


def portal_story_zh() -> bytes:
    """A self-media story on a portal: a "展开全文" button in the middle of the text, then
    "返回…查看更多", the platform's statement and its special notice after it."""
    first, *rest = PORTAL_STORY_ZH
    return f"""<html><head><meta charset="utf-8"><title>国庆假期我市接待游客312万人次_旅游
</title></head><body><div class="nav"><a href="/">首页</a></div><div class="left">
<div class="text-title"><h1>国庆假期我市接待游客312万人次</h1></div>
<article class="article"><p>{first}</p>
<div class="lookall-box"><section class="lookall"><span>展开全文</span></section></div>
{''.join(f"<p>{p}</p>" for p in rest)}</article>
<a href="/">返回网站，查看更多</a>
<p>平台声明：该文观点仅代表作者本人，本平台系信息发布平台，仅提供信息存储空间服务。</p>
<div class="post_statement">特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，
本平台仅提供信息存储服务。</div></div></body></html>""".encode()


# ---- A photo gallery -----------------------------------------------------------------------

GALLERY_CAPTIONS = [
    "清晨六点，第一批游客已经在山门外排起了长队。",
    "云海从山谷间升起，远处的峰顶时隐时现。",
    "挑山工背着货物沿石阶向上，一天要往返两趟。",
    "观景台上，摄影爱好者早早架好了三脚架。",
    "午后的阳光穿过松林，照在蜿蜒的栈道上。",
    "傍晚时分，晚霞把整片山脊染成了金红色。",
]


def photo_gallery_zh(captions: bool = True) -> bytes:
    """A photo story: photos each with a caption (or, without ``captions``, only a short
    alt text), no prose body."""
    photos = "".join(
        f'<li><div class="pic"><img src="/photo/2021/10/{i}.jpg" width="800" height="533" '
        f'alt="{c[:6] if not captions else "黄山"}"></div>'
        + (f'<p class="txt">{c}</p>' if captions else "") + "</li>"
        for i, c in enumerate(GALLERY_CAPTIONS, 1))
    return f"""<html><head><meta charset="utf-8"><title>组图：国庆假期黄山迎客忙_图片频道</title>
</head><body><div class="nav"><a href="/">首页</a> <a href="/photo">图片</a></div>
<div class="photo-main"><h1>组图：国庆假期黄山迎客忙</h1><div class="info">2021-10-03 18:20
</div><ul class="photo-list">{photos}</ul><div class="author">摄影：程林</div></div>
<div class="footer">版权所有</div></body></html>""".encode()


# ---- A long notice: prose, then short lines, a fee table, an address ---------------------

NOTICE_INTRO = [
    "为进一步提升全市中小学教师信息技术应用能力，推动信息技术与教育教学深度融合，经研究，"
    "决定于2019年10月举办全市中小学教师信息技术应用能力提升培训班。现将有关事项通知如下：",
    "本次培训面向全市各级各类中小学在职教师，采取集中面授与网络研修相结合的方式进行，"
    "培训合格者由市教育局统一颁发结业证书，并计入继续教育学时。",
]
NOTICE_LINES = [
    "一、培训时间",
    "2019年10月12日至10月14日，共3天。",
    "二、培训地点",
    "市教师发展中心三楼报告厅（人民路88号）。",
    "三、报名方式",
    "各学校统一组织报名，于9月30日前将报名表报送至市教师发展中心培训科。",
    "四、培训费用",
]
NOTICE_AFTER = [
    "五、其他事项",
    "1．参训教师须自带笔记本电脑。",
    "2．培训期间统一安排午餐，住宿自理。",
    "联系人：李老师",
    "联系电话：0561-3012345",
    "地址：人民路88号",
]
NOTICE_FEES = [("项目", "标准", "备注"), ("培训费", "每人300元", "学校统一缴纳"),
               ("资料费", "每人50元", "含教材"), ("证书工本费", "每人10元", "合格者缴纳")]


def long_notice_zh(parts: bool = False) -> bytes:
    """A government notice: two paragraphs, numbered short lines, a fee table, contacts.
    ``parts``: the text before the table sits in an element of its own (as an editor's
    paste often leaves it), the table and the closing lines beside it."""
    intro = "".join(f"<p>{p}</p>" for p in NOTICE_INTRO)
    lines = "".join(f"<p>{p}</p>" for p in NOTICE_LINES)
    if parts:
        intro, lines = f'<div class="part">{intro}', f"{lines}</div>"
    table = "<table border='1'>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in NOTICE_FEES
    ) + "</table>"
    after = "".join(f"<p>{p}</p>" for p in NOTICE_AFTER)
    sign = "<p style='text-align:right'>市教育局</p><p style='text-align:right'>2019年9月10日</p>"
    return f"""<html><head><meta charset="gb2312"><title>关于举办全市中小学教师信息技术应用能力
提升培训班的通知</title></head><body>
<table width="1000" align="center"><tr><td class="nav"><a href="/">网站首页</a> | <a href="/gk">
政务公开</a> | <a href="/tz">通知公告</a></td></tr></table>
<table width="1000" align="center"><tr><td width="220" valign="top" class="left">
<a href="/tz">通知公告</a><br><a href="/wj">政策文件</a><br><a href="/xw">教育新闻</a></td>
<td valign="top"><div class="title">关于举办全市中小学教师信息技术应用能力提升培训班的通知</div>
<div class="info">发布时间：2019-09-10 浏览次数：1024</div>
<div class="zw">{intro}{lines}{table}{after}{sign}</div>
<div class="bottom"><a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></div></td></tr></table>
<div class="foot">主办单位：市教育局 地址：人民路88号</div></body></html>""".encode("gb18030")


# ---- The main story followed by a longer one on the same page ----------------------------

MAIN_STORY = [
    "Firefighters brought a blaze at a recycling plant on the edge of town under control "
    "early on Sunday, after working through the night to stop it spreading to nearby homes.",
    "Nobody was hurt. Around forty residents of Mill Lane were asked to keep their windows "
    "closed because of the smoke, and the road stayed shut until the afternoon.",
    "The cause of the fire is not yet known. The plant's owner said it would cooperate fully "
    "with the investigation and thanked the crews for their work.",
]
NEXT_STORY = [
    "The town's long-awaited swimming pool will open its doors next month, two years later "
    "than planned and almost a million pounds over its original budget.",
    "The council blamed the delay on the pandemic, on a shortage of materials and on the "
    "discovery of old mine workings under the site, which had to be filled before building.",
    "The new centre has a twenty-five metre pool, a learner pool with a moving floor and a "
    "small gym. Membership prices will be announced at the end of the month.",
    "Swimming clubs have welcomed the news. The chair of the local club said members had "
    "been travelling to three different towns to train while the old pool was closed.",
    "A free open day is planned for the first weekend, when residents will be able to look "
    "around the building and try the pools without booking in advance.",
]


def story_then_longer_story_en(links_between: int = 0) -> bytes:
    """A news page that loads the next article below the first, each in its own <article>,
    with a box of ``links_between`` links to other stories between them."""
    def article(title: str, author: str, paras: list[str], slug: str) -> str:
        body = "".join(f"<p>{p}</p>" for p in paras)
        return (f'<article class="article" data-url="/news/{slug}"><header><h1 class='
                f'"headline">{title}</h1><div class="meta">By {author} | 14 March 2021</div>'
                f'</header><div class="article-body">{body}</div></article>')
    more = "".join(f'<li><a href="/news/{i}">Another local story with a headline number {i}</a>'
                   f"</li>" for i in range(links_between))
    return f"""<html><head><meta charset="utf-8"><title>Fire at recycling plant brought under
control | The Courier</title><meta property="og:title" content="Fire at recycling plant
brought under control"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main>{article("Fire at recycling plant brought under control", "Tom Reed", MAIN_STORY, "fire")}
<aside class="more-stories"><h3>More from The Courier</h3><ul>{more}</ul></aside>
<div class="next-up">Next article</div>
{article("New swimming pool to open next month", "Ann Hale", NEXT_STORY, "pool")}
</main><footer>The Courier</footer></body></html>""".encode()


# ---- A lead paragraph beside the body (German news style) --------------------------------

LEAD_DE = ("Nach monatelangem Streit hat sich der Stadtrat auf einen Kompromiss zur neuen "
           "Straßenbahnlinie geeinigt. Die Bauarbeiten sollen im Herbst beginnen.")
BODY_DE = [
    "Die neue Linie soll den Hauptbahnhof mit dem Universitätsviertel verbinden und auf "
    "einer Länge von sieben Kilometern insgesamt vierzehn Haltestellen bedienen.",
    "Umstritten war vor allem die Führung durch die Altstadt. Anwohner hatten befürchtet, "
    "dass die Gleise den historischen Marktplatz zerschneiden würden.",
    "Der Kompromiss sieht nun vor, dass die Bahn am Rand der Altstadt entlangfährt. Dafür "
    "wird eine Fahrspur der Ringstraße zurückgebaut und in einen Radweg umgewandelt.",
    "Die Kosten werden auf rund 120 Millionen Euro geschätzt, von denen Bund und Land den "
    "größten Teil übernehmen. Die Stadt selbst muss etwa ein Fünftel tragen.",
    "Während der Bauzeit sollen Ersatzbusse im Zehn-Minuten-Takt fahren. Die Verkehrsbetriebe "
    "wollen dafür zusätzliche Fahrzeuge anmieten und neue Fahrer einstellen.",
    "Die Händler in der Altstadt zeigten sich erleichtert. Sie hatten befürchtet, dass eine "
    "jahrelange Baustelle vor ihren Geschäften die Kundschaft vertreiben würde.",
    "Kritik kam dagegen von den Grünen, denen der Kompromiss nicht weit genug geht. Sie hatten "
    "eine Führung mitten durch die Fußgängerzone gefordert, um mehr Fahrgäste zu gewinnen.",
    "Der Stadtrat will im Sommer über die Ausschreibung entscheiden. Bürger können die Pläne ab "
    "Montag im Rathaus einsehen und bis Ende Juni Einwände erheben.",
]


def lead_paragraph_de() -> bytes:
    """A German news article: headline and byline in the article's <header>, a bold lead
    paragraph of its own, then the body after a photo with its credit."""
    body = "".join(f"<p>{p}</p>" for p in BODY_DE)
    return f"""<html lang="de"><head><meta charset="utf-8"><title>Stadtrat einigt sich auf
Straßenbahn-Kompromiss - Stadtanzeiger</title></head><body>
<header class="site-header"><a href="/">Stadtanzeiger</a><nav><a href="/lokales">Lokales</a>
<a href="/politik">Politik</a><a href="/sport">Sport</a></nav></header>
<main><article class="article">
<header class="article-header"><p class="kicker">Verkehr</p><h1>Stadtrat einigt sich auf
Straßenbahn-Kompromiss</h1>
<div class="article-meta">Von Jana Berger | 12.05.2021, 18:30 Uhr</div></header>
<p class="article-lead"><strong>{LEAD_DE}</strong></p>
<figure class="article-image"><img src="/bilder/tram.jpg" width="960" height="540">
<figcaption>Die neue Linie soll 2025 fertig sein. Foto: Stadtanzeiger</figcaption></figure>
<div class="article-body">{body}</div>
<div class="article-share"><a href="#">Teilen</a> <a href="#">Drucken</a></div>
</article></main><footer class="site-footer">Impressum | Datenschutz</footer></body></html>
""".encode()


# ---- A story split around a figure and a quote, ending in short lines --------------------

SPLIT_BEFORE = [
    "The museum reopened its east wing on Saturday after a two-year restoration that "
    "uncovered painted ceilings hidden under layers of plaster since the nineteenth century.",
    "Conservators spent months removing the plaster by hand, a few square centimetres at a "
    "time, before cleaning and stabilising the paint underneath.",
    "The ceilings show scenes from the town's history: the founding of the market, the great "
    "flood and the arrival of the railway, painted by a local artist in the 1820s.",
    "Records suggest they were covered over in the 1870s, when the building became a school "
    "and the new owners thought the paintings old-fashioned and gloomy.",
    "The restoration was paid for by a national heritage grant and by donations from more "
    "than two thousand residents, some of whom remembered the building as their school.",
    "Visitors on the opening day queued along the street for most of the morning, and the "
    "museum extended its hours into the evening to let everyone in.",
    "Alongside the ceilings, the wing now houses a new gallery of local photographs, many of "
    "them lent by families who had kept them in attics and drawers for generations.",
    "The west wing will close next year for similar work. Staff say they do not expect to "
    "find anything as remarkable there, but they are no longer ruling anything out.",
]
SPLIT_QUOTE = ("“We knew there was something under there, but nobody expected anything on "
               "this scale,” the museum's director said.")
SPLIT_AFTER = ["Entry to the wing is free until the end of the month.",
               "Guided tours run every afternoon."]


def story_split_around_figure_en() -> bytes:
    """Paragraphs in the body's element, then beside it a figure, a quote and two short
    closing sentences."""
    before = "".join(f"<p>{p}</p>" for p in SPLIT_BEFORE)
    after = "".join(f"<p>{p}</p>" for p in SPLIT_AFTER)
    return f"""<html><head><meta charset="utf-8"><title>Hidden ceilings revealed as museum
wing reopens</title></head><body><nav><a href="/">Home</a> <a href="/arts">Arts</a></nav>
<article><h1>Hidden ceilings revealed as museum wing reopens</h1>
<div class="byline">By Mia Chen, 2 October 2022</div>
<div class="body-part">{before}</div>
<figure class="inline-image"><img src="/img/ceiling.jpg" width="900"><figcaption>One of the
restored ceilings. Photo: the museum</figcaption></figure>
<blockquote class="quote"><p>{SPLIT_QUOTE}</p></blockquote>
{after}
<div class="share-tools"><a href="#">Share</a> <a href="#">Tweet</a></div>
</article><footer>About | Contact</footer></body></html>""".encode()


SOFT_HYPHEN_PARAS = [
    "Die Ver\u00adkehrs\u00adbetriebe haben an\u00adge\u00adkündigt, den Fahr\u00adplan im "
    "Sommer aus\u00adzu\u00adweiten und nachts zu\u00adsätz\u00adliche Busse "
    "ein\u00adzu\u00adsetzen.",
    "Die Kosten\u200b dafür trägt die Stadt, die in diesem Jahr mehr Geld für den "
    "Nah\u00adverkehr bereit\u00adgestellt hat als je zuvor.\u2060",
]


def soft_hyphen_page_de() -> bytes:
    body = "".join(f"<p>{p}</p>" for p in SOFT_HYPHEN_PARAS * 2)
    return f"""<html lang="de"><head><meta charset="utf-8"><title>Mehr Busse in der Nacht</title>
</head><body><article><h1>Mehr Busse in der Nacht</h1>{body}</article></body></html>""".encode()
