"""Is this a person's name? The test every author candidate passes before it is shown.

A wrong author goes into a citation, so EMPTY BEATS WRONG: a candidate is kept only when it
has the shape of a personal name, and the looser shapes (a name without a common surname,
a forum nickname) only when the page itself says so in a label. What is refused: page
furniture read as a name (关注, 分享, 最新文章, ``name``, ``share``), sites and organisations
(网易, ...网, ...报, ...社, 新闻, 频道, "... Team"), verbs and function words (通过), editor
credits cut short (责任, 编辑), channel and market words (股市行情), accounts (admin, 管理员),
numbers and addresses.
"""

from __future__ import annotations

import re
from enum import IntEnum


class Evidence(IntEnum):
    """How the page says that the text names the writer; more evidence admits looser shapes."""

    PLACED = 0  # where it stands only: a line of names under the headline, "(张三 李四)" at the end
    LABELLED = 1  # a byline label (作者/记者/文/撰文/By), rel=author, JSON-LD, <meta name=author>
    POSTER = 2  # labelled as the poster (发帖人, 楼主, 作者：handle, posted by, a signature)


# The commonest Chinese surnames: a name placed without a label must start with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智"
    "幸奉植衡富尧闭由")
# Two-character surnames: four characters alone are a personal name only after one of these.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文 端木 西门 南宫 独孤 "
    "百里 呼延 轩辕 万俟 闻人 澹台 公羊 赫连 申屠 太史 钟离 完颜 拓跋".split())

# A Chinese name is 2-4 characters: surname + a one- or two-character given name (or a
# compound surname + two).
HAN_NAME_LENGTHS = range(2, 5)
# A name placed without a label: a one-character surname and a one- or two-character given
# name ("高考特辑", four characters, is a name only after a compound surname).
PLACED_NAME_MAX = 3
# "JANE DOE JULY": what follows the first words of a Latin name may be cut, never these.
LATIN_NAME_WORDS_MIN = 2
# Minority and foreign names joined by a middle dot (阿依古丽·买买提): each part this long at most.
DOTTED_PART_MAX = 8
DOTTED_PARTS_MAX = 4
# A nickname (forum poster, blogger) is a handle, not a sentence.
NICK_LENGTHS = range(2, 21)
# "Jane Doe", "Laura June Topolsky", "Bruno (Henrique Zecchin) Rodrigues".
LATIN_TOKENS_MAX = 5

NAME_DOTS = "·•・．"
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Characters that no personal name uses as a given-name character, but the words that get
# mistaken for names are full of: function words, verbs of reporting, and the words of
# buttons, labels and channels (关注, 通过, 责任, 最新文章, 股市行情, 评论, 登录...). A surname
# that happens to be one of them is allowed in the first place.
NON_NAME_CHARS = frozenset(
    "的了们这那么吗呢吧啊是被把从对及等说请您你我他她它该此最很都没不就还通过讯网报频注享评论录"
    "阅读览击载转编辑责任记者稿页栏目版刊股情市表于")
# Whole words that are never a writer, though shaped like a name.
NOT_PERSON_WORDS = frozenset(
    # buttons and page furniture
    "关注 已关注 加关注 取消关注 分享 评论 登录 注册 收藏 举报 打印 订阅 点赞 转发 回复 私信 粉丝 "
    "首页 返回 更多 全部 查看 展开 收起 纠错 字号 复制 链接 下载 搜索 热搜 热门 推荐 精选 置顶 "
    "最新 最新文章 热门文章 相关文章 往期回顾 历史文章 文章 专栏 主页 简介 个人简介 作品 "
    # labels and roles
    "作者 记者 编辑 责编 责任 责任编辑 主编 通讯员 实习生 摄影 摄像 来源 出处 原创 转载 本文 本报 "
    "本网 本站 小编 特约 评论员 编者 译者 校对 审核 监制 制作 策划 出品 "
    # who nobody is
    "佚名 匿名 未知 不详 网友 游客 管理员 系统管理员 超级管理员 网站管理员 站长 官方 "
    # channels, markets, categories
    "行情 股市 股市行情 财经 科技 体育 娱乐 军事 汽车 房产 教育 健康 旅游 时尚 视频 图片 专题 "
    "直播 新闻 资讯 要闻 国内 国际 社会 观点 博客 论坛 微博 微信 客户端 头条 快讯 滚动 "
    # verbs of reporting and time words that stand before a name in running text
    "通过 表示 认为 指出 介绍 报道 获悉 了解 据悉 目前 日前 近日 今天 昨天 今日 昨日 当天".split())
# Endings of organisations and media: a candidate ending so is a publisher, not a person.
ORGANISATION_ENDINGS = (
    "网", "报", "社", "刊", "台", "站", "司", "局", "厅", "署", "院", "馆", "府", "委", "办",
    "部", "处", "所", "校", "中心", "频道", "新闻", "协会", "学会", "委员会", "集团", "客户端",
    "杂志", "周刊", "在线", "资讯", "传媒", "媒体", "工作室", "编辑部")

# Latin names: every word capitalised except these particles (van, de, bin ...).
_LATIN_WORD = re.compile(r"^\(?[A-ZÀ-ÖØ-Þ][\w'’.\-]*\)?$|^[A-ZÀ-ÖØ-Þ]\.$")
LATIN_PARTICLES = frozenset(
    "van von der den de del della di da das dos du la le ten ter bin ibn al el y e".split())
# Words of an organisation or a job: "Discuz! Team", "Our Foreign Staff", "AP Sports Writer",
# "European Space Agency" are no people's names (a name and its job come apart at a
# separator: "Jane Doe - Staff Writer", split before this test).
LATIN_ORGANISATION_WORDS = frozenset(
    "team inc inc. ltd llc corp co. group foundation staff news press media editors editor "
    "editorial desk wire agency bureau reporter reporters correspondent contributor "
    "contributors writer writers columnist senior engineer manager director president "
    "officer analyst developer producer photographer intern reports".split())
# Words that end a name when they follow it: "Jane Doe on Twitter", "Jane Doe for Example".
LATIN_STOP_WORDS = frozenset("updated published posted on at in for and the of to via with"
                             .split())
# Words of buttons that never stand in a personal name, even among its words ("Jane Doe
# Follow Us"); "Name", "More", "Home" do (surnames), and count only as the whole value.
LATIN_BUTTON_WORDS = frozenset("follow unfollow share subscribe login logout signin profile "
                               "comments tweet email clicking".split())
# "FOXBusiness", "WebMD": a run of capitals against lower-case letters is a brand's spelling.
_BRAND_CAPITALS = re.compile(r"[A-Z]{2,}[a-z]|[a-z][A-Z]{2,}")
# Dates end a name too, but "June", "May", "April" are also names: a month ends the name only
# when it is the last word or a number follows it ("… JULY", "… July 25, 2015").
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split())
# "AllanProfileFollowUnfollow": words glued by markup show a capital inside a word more than
# once ("McDonald", "DeAndre" have one).
GLUED_CAPITALS = 2
_INNER_CAPITAL = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")
# English page furniture read as a name: ``name``, ``share``, ``follow``...
LATIN_NOT_PERSON = frozenset(
    "name names author authors admin administrator webmaster root guest anonymous unknown user "
    "share follow following unfollow subscribe login logout signin sign in register more comments "
    "comment reply like tweet email print by staff editor team home menu search profile view "
    "views click clicking here read loading advertisement sponsored posted published updated "
    "nobody none null undefined default".split())
_LATIN_LETTERS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
_DIGIT = re.compile(r"\d")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b|@|[<>=\"{}]")
# A nickname may mix scripts and signs (放风筝&小雨, 阿牛_bj, xiaoyu2008); nothing else.
_NICK = re.compile(r"^[\w&.·\-~＆]+$")
# Digits a handle may carry ("xiaoyu2008") but not be made of.
NICK_DIGIT_SHARE = 0.5


def _dotless(name: str) -> str:
    return "".join(ch for ch in name if ch not in NAME_DOTS)


def surname_length(name: str) -> int:
    """How many characters of ``name`` are a common Chinese surname (0 when none is)."""
    for surname in COMPOUND_SURNAMES:
        if name.startswith(surname):
            return len(surname)
    return 1 if name[:1] and name[:1] in SURNAMES else 0


def has_surname(name: str) -> bool:
    """The name starts with a common Chinese surname (one or two characters)."""
    return surname_length(name) > 0


def _organisation(name: str) -> bool:
    return name.endswith(ORGANISATION_ENDINGS)


def _han_name(name: str, evidence: Evidence) -> bool:
    """2-4 Han characters shaped like a personal name (or dotted parts of one)."""
    if any(d in name for d in NAME_DOTS):
        parts = [p for p in re.split(f"[{NAME_DOTS}]", name) if p]
        return (1 < len(parts) <= DOTTED_PARTS_MAX
                and all(_HAN.match(p) and len(p) <= DOTTED_PART_MAX for p in parts)
                and not any(p in NOT_PERSON_WORDS for p in parts)
                and evidence >= Evidence.LABELLED)
    if len(name) not in HAN_NAME_LENGTHS or name in NOT_PERSON_WORDS or _organisation(name):
        return False
    surname = surname_length(name)
    if any(ch in NON_NAME_CHARS for ch in name[surname:]):
        return False
    if evidence == Evidence.PLACED:
        # no label: only a common surname and a short given name make it a name
        return surname > 0 and (len(name) <= PLACED_NAME_MAX or surname > 1)
    return True


def _latin_name(name: str, evidence: Evidence) -> bool:
    words = name.split()
    if not words or name.lower() in LATIN_NOT_PERSON:
        return False
    if any(w.lower().strip("().,!") in LATIN_ORGANISATION_WORDS
           or w.lower() in LATIN_BUTTON_WORDS for w in words):
        return False
    if len(words) == 1:
        # one word is a handle, never a "By" line's name: only a labelled poster's
        return evidence == Evidence.POSTER and _nickname(name)
    if len(words) > LATIN_TOKENS_MAX:
        return False
    if any(w.lower().strip("().,") in LATIN_STOP_WORDS for w in words):
        return False
    if any(len(_INNER_CAPITAL.findall(w)) >= GLUED_CAPITALS or _BRAND_CAPITALS.search(w)
           for w in words):
        return False
    capitalised = [w for w in words if w.lower() not in LATIN_PARTICLES]
    return len(capitalised) >= 1 and all(_LATIN_WORD.match(w) for w in capitalised)


def _nickname(name: str) -> bool:
    if len(name) not in NICK_LENGTHS or not _NICK.match(name):
        return False
    if name.lower() in LATIN_NOT_PERSON or name in NOT_PERSON_WORDS:
        return False
    digits = len(_DIGIT.findall(name))
    if digits > NICK_DIGIT_SHARE * len(name):
        return False  # "550", "2005-03": a number, not a handle
    han = "".join(_HAN_CHAR.findall(name))
    if han and han == name:
        return not (_organisation(name) or any(ch in NON_NAME_CHARS for ch in name[:1]))
    return True


def is_person(name: str, evidence: Evidence = Evidence.LABELLED) -> bool:
    """True when ``name`` may be shown as a writer, given how the page labels it."""
    name = name.strip()
    if not name or _URLISH.search(name):
        return False
    alias = re.match(r"^(?P<main>.+?)\s*[(（]\s*(?P<alias>[A-Za-z][A-Za-z .'’-]+)\s*[)）]$", name)
    if alias and _HAN.match(_dotless(alias.group("main"))):
        # "李明 (Ming Li)": the name with its Latin form
        return _han_name(alias.group("main"), evidence) and \
            _latin_name(alias.group("alias"), Evidence.LABELLED)
    if _HAN.match(_dotless(name)):
        if _han_name(name, evidence):
            return True
        # a labelled poster's handle may be any Han word that is not a label or a site
        return evidence == Evidence.POSTER and _nickname(name)
    if _LATIN_LETTERS.search(name) and not _HAN_CHAR.search(name) and " " in name.strip():
        return _latin_name(name, evidence)
    return evidence == Evidence.POSTER and _nickname(name)


def trim_latin(name: str) -> str:
    """"Jane Doe on Twitter" -> "Jane Doe"; "JANE DOE JULY" -> "JANE DOE".

    A Latin name ends where a date, a function word or a lower-case word starts (cut only
    when at least two words of name remain); one holding a job's or an organisation's word
    is left whole, for ``is_person`` to refuse."""
    words = name.split()
    if any(w.lower().strip("().,!") in LATIN_ORGANISATION_WORDS for w in words):
        return name  # an organisation's name, left whole for is_person to refuse
    for i, w in enumerate(words):
        low = w.lower().strip("().,")
        dated = _DIGIT.search(w) or (low in CALENDAR_WORDS and (
            i == len(words) - 1 or _DIGIT.search(words[i + 1])))
        if i and dated:
            return " ".join(words[:i])  # "Jane September 15, 2014": the date is no name
        if i >= LATIN_NAME_WORDS_MIN and (low in LATIN_STOP_WORDS or low in LATIN_BUTTON_WORDS
                                          or (w[:1].islower() and w not in LATIN_PARTICLES)):
            return " ".join(words[:i])
    return name


def people(names: tuple[str, ...] | list[str], evidence: Evidence) -> tuple[str, ...]:
    """The names that pass, in order, without repeats ("张三 关注": a name and a button)."""
    kept = [n for n in names if is_person(n, evidence)]
    return tuple(dict.fromkeys(kept))
