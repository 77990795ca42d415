"""Large editions of the same shape, for benchmarks and load tests (200 articles and more).

    python -m huaibei_reader.demo.edition.synthetic OUT --count 200 [--page-size 20]

Texts are assembled from sentence pools with a seeded generator: every article differs,
the same arguments always give the same bytes. Serve the folder with
``SampleEditionServer(root=OUT)``; its manifest.json has the same fields as the bundled one.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

from huaibei_reader.demo.edition.build import build, write
from huaibei_reader.demo.edition.model import Para, SampleArticle

_PLACES = ("相山区", "杜集区", "烈山区", "濉溪县", "高新区", "经开区", "南湖街道", "东山街道",
           "古饶镇", "临涣镇", "百善镇", "铁佛镇")
_SUBJECTS = ("社区志愿服务队", "口袋公园", "老年大学", "农贸市场", "城市书房", "便民服务中心",
             "健身步道", "小区停车场", "夜间集市", "垃圾分类驿站", "儿童友好空间", "公交站台")
_ACTIONS = ("正式投入使用", "完成提升改造", "开展主题活动", "迎来首批居民", "延长开放时间",
            "推出便民新举措", "获评市级示范点", "启动二期建设")
_SENTENCES = (
    "{place}{subject}{action},周边居民纷纷前来体验。",
    "据了解,该项目由{place}统筹推进,前后历时{months}个月。",
    "“以前办事要跑好几趟,现在在家门口就能解决。”居民{surname}女士说。",
    "项目建成后,预计可服务周边居民{people}余人。",
    "工作人员介绍,下一步将根据群众意见继续完善配套设施。",
    "现场还设置了咨询台,志愿者为前来的群众讲解相关政策。",
    "{place}相关负责人表示,将把这项民生实事办好办实。",
    "不少市民在社交平台分享自己的体验,留言点赞的人很多。",
    "截至目前,{place}已累计建成同类场所{count}处。",
    "傍晚时分,这里依旧人来人往,成为附近居民休闲的好去处。",
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭何高林罗"
_PUBLISHERS = ("淮北日报", "人民网-安徽频道", "新华网", "中安在线", "淮北市人民政府网", "今日淮北")
_REPORTERS = ("孙浩", "王芳", "周洁", "何静", "钱进", "赵雪", "李明", "高原")


def synthetic_articles(count: int, *, newest: str = "2022-10-08 12:00:00",
                       spacing_minutes: int = 47, seed: int = 2022) -> list[SampleArticle]:
    """``count`` distinct articles, newest first, ``spacing_minutes`` apart."""
    rng = random.Random(seed)
    start = datetime.strptime(newest, "%Y-%m-%d %H:%M:%S")
    out = []
    for i in range(count):
        place, subject = rng.choice(_PLACES), rng.choice(_SUBJECTS)
        action = rng.choice(_ACTIONS)
        values = {"place": place, "subject": subject, "action": action,
                  "months": rng.randint(2, 14), "surname": rng.choice(_SURNAMES),
                  "people": rng.randint(2, 90) * 100, "count": rng.randint(3, 40)}
        paragraphs = []
        for p in range(rng.randint(3, 6)):
            picks = rng.sample(_SENTENCES[1:], 3) if p else [_SENTENCES[0],
                                                             *rng.sample(_SENTENCES[1:], 2)]
            paragraphs.append(Para("".join(s.format(**values) for s in picks)
                                   + f"(编号{i + 1}-{p + 1})"))
        reporter = _REPORTERS[i % len(_REPORTERS)]
        published = start - timedelta(minutes=spacing_minutes * i)
        out.append(SampleArticle(
            id=40000 + i,
            channel="shehui" if i % 2 == 0 else "wenlv",
            title=f"{place}{subject}{action}(示例{i + 1})",
            published=published.strftime("%Y-%m-%d %H:%M:%S"),
            views=rng.randint(100, 9999),
            publisher=_PUBLISHERS[i % len(_PUBLISHERS)],
            body=tuple(paragraphs),
            authors=(reporter,),
            byline_end=f"(记者 {reporter})",
            byline_in_last_para=i % 3 == 0,
            indent=("", "style", "fullwidth")[i % 3],
            keywords=(place, subject),
        ))
    return out


def write_synthetic_edition(out: Path, count: int, *, page_size: int = 20,
                            seed: int = 2022) -> Path:
    """Write a ``count``-article edition into ``out`` and return it."""
    write(Path(out), build(synthetic_articles(count, seed=seed), page_size=page_size))
    return Path(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a large synthetic sample edition.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--page-size", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    if args.count < 1 or args.page_size < 1:
        print("error: --count and --page-size must be at least 1", file=sys.stderr)
        return 2
    write_synthetic_edition(args.out, args.count, page_size=args.page_size, seed=args.seed)
    print(f"wrote {args.count} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
