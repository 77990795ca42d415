#!/usr/bin/env python3
"""Regenerate huaibei_reader_zh_CN.ts from the sources and compile the .qm.

    .venv/bin/python resources/translations/update.py [--check]

1. pyside6-lupdate extracts every tr()/translate() string of the window (ui/).
2. Strings that lupdate files under no class (the action table calls ``window.tr``) are moved
   to the MainWindow context, where the window looks them up at run time.
3. Each message gets its translation from zh_CN.py; a missing one stays "unfinished" and
   ``--check`` exits 1 listing it.
4. pyside6-lrelease compiles huaibei_reader_zh_CN.qm next to the .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGE = REPO / "src" / "huaibei_reader"
TS = HERE / "huaibei_reader_zh_CN.ts"
QM = HERE / "huaibei_reader_zh_CN.qm"
STRAY_CONTEXTS = {"", "self.window", "None"}

sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
from zh_CN import ZH_CN  # noqa: E402


def tool(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (pip install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in (PACKAGE / "ui").glob("*.py"))


def main() -> int:
    check = "--check" in sys.argv
    tmp = HERE / ".extracted.ts"
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-ts", str(tmp), "-silent",
                    "-no-obsolete", "-locations", "none"], check=True)
    tree = ET.parse(tmp)
    tmp.unlink()
    root = tree.getroot()
    root.set("language", "zh_CN")
    root.set("sourcelanguage", "en")
    contexts: dict[str, ET.Element] = {}
    for ctx in list(root.findall("context")):
        name = ctx.findtext("name") or ""
        if name in STRAY_CONTEXTS:
            root.remove(ctx)
            target = contexts.get("MainWindow")
            if target is None:
                target = ET.SubElement(root, "context")
                ET.SubElement(target, "name").text = "MainWindow"
                contexts["MainWindow"] = target
            for message in ctx.findall("message"):
                target.append(message)
        elif name in contexts:
            for message in ctx.findall("message"):
                contexts[name].append(message)
            root.remove(ctx)
        else:
            contexts[name] = ctx
    missing: list[str] = []
    for ctx in root.findall("context"):
        seen: set[str] = set()
        for message in list(ctx.findall("message")):
            source = message.findtext("source") or ""
            if source in seen:
                ctx.remove(message)
                continue
            seen.add(source)
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            text = ZH_CN.get(source)
            if text is None:
                translation.set("type", "unfinished")
                translation.text = ""
                missing.append(source)
            else:
                translation.attrib.pop("type", None)
                for form in list(translation):
                    translation.remove(form)
                if message.get("numerus") == "yes":  # Chinese has one plural form
                    translation.text = None
                    ET.SubElement(translation, "numerusform").text = text
                else:
                    translation.text = text
    ET.indent(tree, space=" ")
    TS.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                   + ET.tostring(root, encoding="utf-8") + b"\n")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)
    if missing:
        print("untranslated:", *missing, sep="\n  ", file=sys.stderr)
        return 1 if check else 0
    print(f"{TS.name}: {sum(len(c.findall('message')) for c in root.findall('context'))} "
          f"messages, all translated; {QM.name} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
