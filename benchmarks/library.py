"""Library benchmark: a big synthetic library of Chinese news, timed the way the app uses it.

Builds a library of ``--articles`` generated Chinese articles of realistic length (about 1,500
characters in 6-20 paragraphs, a raw HTML page of about 17 KB kept compressed beside each),
through ``library.articles.save_many`` in batches of 500, then indexes it for search. Then
measures: open time (with and without the quick_check), the first list page (200 rows) and a
few other pages, search p50/p95 for 2-, 3- and 4-character Chinese queries and English words
next to the same searches done as a plain LIKE scan, inserting 1,000 more articles one
transaction each and 1,000 in one, search with those waiting in the index queue, the index
catching up, and bytes
on disk per article (with a per-table breakdown). Writes benchmarks/results/library.md.

    PYTHONPATH=src .venv/bin/python benchmarks/library.py [--articles 100000] [--keep DIR]
        [--no-raw] [--no-write]

The text is generated from a small hand-written vocabulary plus random "names" drawn with a
Zipf law, so common and rare words both exist; nothing is copied from real articles.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from huaibei_reader.models import Article, Block, BlockKind, Source  # noqa: E402
from huaibei_reader.store import Library  # noqa: E402
from huaibei_reader.store.types import ToSave  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "library.md"

# A vocabulary of local-news words (2-4 characters), most frequent first.
WORDS = """
淮北 我们 工作 发展 建设 群众 城市 今年 项目 活动 推进 企业 社区 服务 全市 进一步 加强
开展 部署 会议 相关 经济 安全 提升 召开 重点 要求 生态 文化 市民 组织 管理 相山区 濉溪县
杜集区 烈山区 市委 市政府 领导 干部 单位 部门 乡村振兴 高质量 疫情防控 志愿者 公园 学校 医院
交通 道路 改造 农业 粮食 生产 就业 创业 人才 科技 创新 产业 园区 招商 投资 营商环境 民生
养老 教育 卫生 健康 环境 治理 水质 湿地 南湖 相山 隋唐运河 口子窖 煤矿 转型 新能源 新材料
碳达峰 文明城市 创建 宣传 培训 检查 督导 落实 责任 制度 改革 服务中心 居民 家庭 儿童 老人
学生 教师 医生 农民 工人 职工 警察 消防 应急 防汛 抗旱 雨水 天气 气温 春季 夏季 秋季 冬季
节日 春节 中秋 国庆 端午 元宵 传统 非遗 书法 戏曲 体育 比赛 运动会 马拉松 篮球 足球 图书馆
博物馆 展览 演出 电影 旅游 景区 游客 美食 特产 石榴 酥梨 面食 市场 价格 消费 销售 电商 物流
快递 网络 信息 数据 平台 系统 智慧 数字化 政务 办事 窗口 审批 证照 公积金 社保 医保 住房 保障
供水 供电 燃气 供暖 垃圾分类 绿化 植树 河道 清淤 污水 大气 空气质量 噪声 安全生产 隐患 排查
整改 执法 法律 法治 普法 宪法 维权 调解 矛盾 纠纷 信访 平安 防诈骗 反诈 禁毒 交警 酒驾 事故
"""

ENGLISH = ("policy", "logistics", "smart city", "GDP", "startup", "marathon", "carbon")

PARTICLES = "的了在和是与对将为及并也都就还又把被从向于以由"


def _zipf_choice(rng: random.Random, items: list[str], weights: list[float]) -> str:
    return rng.choices(items, cum_weights=weights, k=1)[0]


class Generator:
    """Deterministic synthetic articles: the same seed makes the same library."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        common = WORDS.split()
        # Random two- and three-character "names" (people, villages, firms): the long tail.
        pool = [chr(c) for c in range(0x4E00, 0x9FA6)]
        chars = self.rng.sample(pool, 3000)
        tail = ["".join(self.rng.choices(chars, k=self.rng.choice((2, 2, 3)))) for _ in range(6000)]
        self.vocab = common + tail
        self.common = common
        self.tail = tail
        total = 0.0
        self.cum: list[float] = []
        for rank in range(1, len(self.vocab) + 1):
            total += 1.0 / rank ** 0.9
            self.cum.append(total)

    def word(self) -> str:
        return _zipf_choice(self.rng, self.vocab, self.cum)

    def sentence(self) -> str:
        rng = self.rng
        parts = []
        for _ in range(rng.randint(3, 8)):
            parts.append(self.word())
            if rng.random() < 0.6:
                parts.append(rng.choice(PARTICLES))
        text = "".join(parts)
        if rng.random() < 0.3:
            text += "，" + "".join(self.word() for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.02:
            text += f" {rng.choice(ENGLISH)} "
        return text + "。"

    def article(self, n: int, *, when: datetime) -> tuple[Article, bytes]:
        rng = self.rng
        paragraphs = ["".join(self.sentence() for _ in range(rng.randint(2, 5)))
                      for _ in range(rng.randint(6, 20))]
        title = "".join(self.word() for _ in range(rng.randint(3, 6)))[:28]
        blocks = tuple(Block(BlockKind.PARAGRAPH, text=p) for p in paragraphs)
        if rng.random() < 0.5:
            blocks += (Block(BlockKind.IMAGE, src=f"http://img.example.cn/{n}.jpg", alt=title),)
        url = f"http://news.example.cn/{when:%Y%m%d}/{n}.html"
        article = Article(url=url, title=title, blocks=blocks, published=when,
                          publisher=rng.choice(("淮北日报", "淮北新闻网", "人民网-安徽频道")),
                          site_name="今日淮北", authors=(rng.choice(("张伟", "王芳", "李强")),),
                          lang="zh")
        return article, self.raw_page(article)

    def raw_page(self, article: Article) -> bytes:
        nav = "".join(f"<li><a href='/c/{i}.html'>栏目{i}</a></li>" for i in range(60))
        related = "".join(f"<li><a href='/a/{self.rng.randint(1, 10**6)}.html'>{self.word()}"
                          f"{self.word()}{self.word()}{self.word()}</a></li>" for _ in range(60))
        body = "".join(f"<p>{b.text}</p>" for b in article.blocks if b.text)
        script = "".join(
            f"<script>var _hmt{i}=_hmt{i}||[];(function(){{var hm=document.createElement("
            f"'script');hm.src='//hm{i}.example.cn/hm.js?{self.rng.getrandbits(64):x}';}})();"
            "</script>" for i in range(40))
        html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{article.title}"
                f"</title>{script}</head><body><ul class='nav'>{nav}</ul><div class='article'>"
                f"<h1>{article.title}</h1>{body}</div><ul class='related'>{related}</ul>"
                f"<div class='footer'>{'版权所有 淮北日报社 ' * 40}</div></body></html>")
        return html.encode("utf-8")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def build(path: Path, count: int, *, raw: bool, gen: Generator) -> tuple[float, int]:
    """Fill a new library; returns (seconds, articles saved)."""
    start_day = datetime(2022, 1, 1, tzinfo=UTC)
    with Library.open(path) as lib:
        sources = [lib.sources.add(Source(None, f"来源{i}", f"http://s{i}.example.cn/"))
                   for i in range(10)]
        t0 = time.perf_counter()
        batch: list[ToSave] = []
        for n in range(count):
            when = start_day + timedelta(minutes=n * 15 + gen.rng.randint(0, 600))
            article, page = gen.article(n, when=when)
            batch.append(ToSave(article, sources[n % 10].id, page if raw else None,
                                {"Content-Type": "text/html; charset=utf-8"}))
            if len(batch) == 500 or n == count - 1:
                lib.articles.save_many(batch)
                batch = []
            if n and n % 10000 == 0:
                rate = n / (time.perf_counter() - t0)
                print(f"  built {n} articles ({rate:.0f}/s)", file=sys.stderr, flush=True)
        lib.search.index_pending()
        seconds = time.perf_counter() - t0
    return seconds, count


def pick_queries(gen: Generator) -> dict[str, list[str]]:
    """Queries of each kind: common words, the middle and the far end of the long tail, and
    a few that occur nowhere (people search for what is not there too)."""
    def of_length(words: list[str], n: int) -> list[str]:
        return [w for w in words if len(w) == n]

    tail = gen.tail
    two_tail, three_tail = of_length(tail, 2), of_length(tail, 3)
    absent = ["".join(gen.rng.choices([chr(c) for c in range(0x9F00, 0x9FA5)], k=k))
              for k in (2, 3, 4) for _ in range(2)]
    two = (of_length(gen.common, 2)[:5] + two_tail[100:400:75] + two_tail[-400::100]
           + [q for q in absent if len(q) == 2])
    three = (of_length(gen.common, 3)[:5] + three_tail[50:250:50] + three_tail[-200::50]
             + [q for q in absent if len(q) == 3])
    four = (of_length(gen.common, 4)[:6] + [a + b for a, b in zip(two_tail[:4], two_tail[4:8],
                                                                   strict=True)]
            + [q for q in absent if len(q) == 4])
    return {
        "2 characters": two,
        "3 characters": three,
        "4 characters": four,
        "English word": list(ENGLISH),
    }


def disk_breakdown(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        conn.close()
    groups: dict[str, int] = {}
    for name, size in rows:
        if name.startswith("articles_fts"):
            key = "trigram search index (articles_fts)"
        elif name.startswith("articles_pairs"):
            key = "pairs search index (articles_pairs)"
        elif name.startswith(("sqlite_autoindex_articles", "articles_")):
            key = "article indexes"
        else:
            key = name
        groups[key] = groups.get(key, 0) + int(size)
    return dict(sorted(groups.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, default=None,
                    help="build (or reuse) the library in this folder instead of a temp one")
    ap.add_argument("--no-raw", action="store_true", help="do not store raw pages")
    ap.add_argument("--no-write", action="store_true", help="do not write results/library.md")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each search query")
    args = ap.parse_args(argv)

    gen = Generator()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hbr-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"library-{args.articles}{'-noraw' if args.no_raw else ''}.sqlite3"
    report: list[str] = []
    build_rate = None
    if not path.exists():
        print(f"building {args.articles} articles in {path}", file=sys.stderr)
        seconds, count = build(path, args.articles, raw=not args.no_raw, gen=gen)
        build_rate = count / seconds
    else:
        print(f"reusing {path}", file=sys.stderr)

    # -- open -----------------------------------------------------------------------------
    def open_close(check: bool) -> None:
        Library.open(path, check=check).close()

    open_checked = timed(lambda: open_close(True), 3)
    open_fast = timed(lambda: open_close(False), 3)
    with Library.open(path, check=False) as lib:
        t = time.perf_counter()
        problems = lib.verify()
        full_check_ms = (time.perf_counter() - t) * 1000
        assert problems == [], problems

    lib = Library.open(path)
    try:
        n_articles = lib.articles.count()
        first_source = lib.sources.all()[0].id
        lists = {
            "first page, 200 rows, with bodies": lambda: lib.articles.newest(limit=200),
            "first page, 200 rows, titles only": lambda: lib.articles.newest(
                limit=200, with_blocks=False),
            "page at offset 20,000 (titles only)": lambda: lib.articles.newest(
                limit=200, offset=20000, with_blocks=False),
            "one source, first page": lambda: lib.articles.newest(
                source_id=first_source, limit=200),
            "unread, first page": lambda: lib.articles.newest(unread=True, limit=200),
            "articles.count()": lambda: lib.articles.count(),
            "articles.count(unread, source)": lambda: lib.articles.count(
                unread=True, source_id=first_source),
        }
        list_times = {name: timed(fn, 15) for name, fn in lists.items()}

        queries = pick_queries(gen)
        search_rows = []
        for kind, qs in queries.items():
            for scan in (False, True):
                times: list[float] = []
                hits = 0
                for q in qs:
                    if not scan:
                        lib.search.find(q)  # warm-up: the first run reads pages from disk
                    for _ in range(args.repeat if not scan else 1):
                        t = time.perf_counter()
                        found = lib.search.find(q, scan=scan, limit=50)
                        times.append((time.perf_counter() - t) * 1000)
                    hits += len(found)
                search_rows.append((kind, "LIKE scan" if scan else "index", len(qs),
                                    statistics.median(times), percentile(times, 95),
                                    max(times), hits / len(qs)))
                print(f"  search {kind} {'scan' if scan else 'index'}: "
                      f"p50 {statistics.median(times):.1f} ms p95 {percentile(times, 95):.1f}",
                      file=sys.stderr, flush=True)

        # -- inserting 1,000 articles: 3 rounds of each way, alternating, medians ----------------
        # New URLs every run (a reused library already holds the last run's): all "new".
        extra_gen = Generator(seed=int(time.time()))
        first_new = 10_000_000 + n_articles * 10 + int(time.time()) % 100_000 * 10
        base = datetime(2026, 1, 1, tzinfo=UTC)
        rounds = 3
        fresh = [extra_gen.article(first_new + i, when=base + timedelta(minutes=i))
                 for i in range(2000 * rounds)]
        headers = {"Content-Type": "text/html; charset=utf-8"}
        lib.search.index_pending()  # start with an empty queue
        single_rates, single_cpu_rates, batch_rates = [], [], []
        statuses = set()
        for r in range(rounds):
            chunk = fresh[2000 * r:2000 * (r + 1)]
            # one transaction per article, as a refresh saves them when they arrive
            t0, c0 = time.perf_counter(), time.process_time()
            for article, page in chunk[:1000]:
                statuses.add(lib.articles.save(article, source_id=first_source,
                                               raw=None if args.no_raw else page,
                                               headers=headers).status)
            single_rates.append(1000 / (time.perf_counter() - t0))
            single_cpu_rates.append(1000 / (time.process_time() - c0))
            # the same amount in one save_many call (one transaction)
            t0 = time.perf_counter()
            statuses.update(res.status for res in lib.articles.save_many(
                [ToSave(article, first_source, None if args.no_raw else page, headers)
                 for article, page in chunk[1000:]]))
            batch_rates.append(1000 / (time.perf_counter() - t0))
        assert statuses == {"new"}, statuses
        insert_rate = statistics.median(single_rates)
        insert_cpu_rate = statistics.median(single_cpu_rates)
        batch_rate = statistics.median(batch_rates)
        print(f"  insert one by one {[round(x) for x in single_rates]}/s, in one transaction "
              f"{[round(x) for x in batch_rates]}/s", file=sys.stderr, flush=True)
        # search while those wait in the queue (read with LIKE beside the index)
        queued = lib.search.pending()
        queued_times: list[float] = []
        for q in [w for kind in ("2 characters", "3 characters", "4 characters")
                  for w in queries[kind][:5]]:
            queued_times += timed(lambda q=q: lib.search.find(q, limit=50), 1)
        # the index catching up, as the app does on a worker after a refresh
        t0 = time.perf_counter()
        indexed = lib.search.index_pending()
        index_rate = indexed / (time.perf_counter() - t0)
        assert indexed == queued == 2000 * rounds, (indexed, queued)
        insert_load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        total_articles = lib.articles.count()
    finally:
        lib.close()

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    breakdown = disk_breakdown(path)

    # -- report -----------------------------------------------------------------------------
    cpu = platform.processor() or platform.machine()
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    report.append("# Library benchmark\n")
    report.append(f"`PYTHONPATH=src .venv/bin/python benchmarks/library.py --articles "
                  f"{args.articles}{' --no-raw' if args.no_raw else ''}` on "
                  f"{datetime.now(UTC):%Y-%m-%d}: Python {platform.python_version()}, SQLite "
                  f"{sqlite3.sqlite_version}, {os.cpu_count()} CPU cores ({cpu}) shared with "
                  f"other jobs (load average at the end {load}), warm page cache. "
                  "Synthetic Chinese articles (about 1,500 "
                  "characters each"
                  + ("" if args.no_raw else ", with a ~17 KB raw HTML page stored compressed")
                  + "). The library is built with `library.articles.save_many` in batches of 500, "
                  "then indexed; saving only queues a text for the search index, which "
                  "`search.index_pending` catches up later (the app runs it on a worker).\n")
    report.append(f"Articles in the library: {n_articles:,} (then {total_articles:,} after the "
                  "insert tests). Load average when the inserts ran: "
                  f"{insert_load}.\n")
    report.append("| measure | result | target |\n|---|---|---|")
    report.append(f"| open, with its checks (median of 3) | "
                  f"{statistics.median(open_checked):.0f} ms | < 200 ms |")
    report.append(f"| open without the check (median of 3) | {statistics.median(open_fast):.0f}"
                  " ms | |")
    report.append(f"| full quick_check of the whole file (`Library.verify()`) | "
                  f"{full_check_ms:,.0f} ms | |")
    first = list_times["first page, 200 rows, with bodies"]
    report.append(f"| list: first page of 200 with bodies, p95 | {percentile(first, 95):.1f} ms "
                  "| < 50 ms |")
    light = list_times["first page, 200 rows, titles only"]
    report.append(f"| list: first page of 200 titles (what the list view reads), p95 | "
                  f"{percentile(light, 95):.1f} ms | < 50 ms |")
    report.append(f"| insert 1,000 articles into the full library, one transaction each "
                  f"(`articles.save`, as a refresh saves them), median of {rounds} | "
                  f"{insert_rate:,.0f} articles/s ({', '.join(f'{x:,.0f}' for x in single_rates)}"
                  ") | >= 2,000/s |")
    report.append(f"| the same, per CPU second of this process | {insert_cpu_rate:,.0f} "
                  "articles/s | |")
    report.append(f"| insert 1,000 in one transaction (`articles.save_many`), median of {rounds} | "
                  f"{batch_rate:,.0f} articles/s ({', '.join(f'{x:,.0f}' for x in batch_rates)})"
                  " | >= 2,000/s |")
    report.append(f"| search p95 with those {queued:,} still queued for the index (2-4 characters, "
                  f"{len(queued_times)} queries) | {percentile(queued_times, 95):.1f} ms "
                  "| < 50 ms |")
    report.append(f"| indexing the {queued:,} queued texts afterwards (`search.index_pending`, "
                  f"on a worker in the app) | {index_rate:,.0f} articles/s | |")
    if build_rate is not None:
        report.append(f"| building the library (average) | {build_rate:,.0f} articles/s | |")
    report.append(f"| bytes on disk per article | {size / max(1, total_articles):,.0f} B "
                  f"({size / 1e6:,.0f} MB in all) | |")
    report.append("")
    report.append("## Listing (15 runs each)\n")
    report.append("| query | p50 ms | p95 ms |\n|---|---|---|")
    for name, times in list_times.items():
        report.append(f"| {name} | {statistics.median(times):.1f} | "
                      f"{percentile(times, 95):.1f} |")
    report.append("")
    report.append("## Search, 50 hits, index next to a plain LIKE scan\n")
    report.append("Index: each query once to warm up, then timed "
                  f"{args.repeat}x; scan: timed once. Queries: common words, the middle and the "
                  "far end of the long tail, and some that occur nowhere. `index` is "
                  "`library.search.find` as the app runs it (the trigram index for 3+ characters, "
                  "the pairs index for 2; up to 2,000 matches ranked, more answered with the most "
                  "recently stored ones, see store/search.py); `LIKE scan` "
                  "is `find(..., scan=True)`: every article newest first through LIKE until "
                  "50 hits.\n")
    report.append("| queries | method | n | p50 ms | p95 ms | max ms | hits/query |\n"
                  "|---|---|---|---|---|---|---|")
    for kind, method, n, p50, p95, mx, hits in search_rows:
        report.append(f"| {kind} | {method} | {n} | {p50:.1f} | {p95:.1f} | {mx:.1f} | "
                      f"{hits:.0f} |")
    report.append("")
    report.append("## Where the bytes are\n")
    report.append("| table | MB | bytes/article |\n|---|---|---|")
    for name, b in breakdown.items():
        report.append(f"| {name} | {b / 1e6:,.1f} | {b / max(1, total_articles):,.0f} |")
    report.append("")
    text = "\n".join(report)
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
