"""Installer metadata on every platform: one version, one app id, names in both languages."""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from huaibei_reader import __version__

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
APP_ID = "io.github.huaibei_reader.HuaibeiReader"
CHINESE_NAME = "淮北阅读器"


def test_version_tool_reads_the_package_version(tools) -> None:
    version = tools("version.py")
    assert version.version() == __version__
    assert version.numeric("1.2.3") == "1.2.3.0"
    assert version.numeric("2.0rc1") == "2.0.0.0"


def test_info_plist_has_version_ids_and_minimum_macos(tools) -> None:
    infoplist = tools("macos/infoplist.py")
    plist = infoplist.info_plist(PACKAGING / "macos" / "Info.plist", "9.8.7", "13.0")
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "9.8.7"
    assert plist["LSMinimumSystemVersion"] == "13.0"
    # Bundle ids allow letters, digits, '-' and '.' only.
    assert re.fullmatch(r"[A-Za-z0-9.-]+", plist["CFBundleIdentifier"])
    assert plist["CFBundleExecutable"] == "huaibei-reader"
    assert "zh-Hans" in plist["CFBundleLocalizations"]
    assert plist["LSHasLocalizedDisplayName"] is True
    # Round trip: the filled template is a valid property list.
    assert plistlib.loads(plistlib.dumps(plist)) == plist


def test_minimum_macos_is_the_highest_wheel_minimum(tools) -> None:
    infoplist = tools("macos/infoplist.py")
    tags = ("Tag: cp39-abi3-macosx_13_0_universal2\n"
            "Tag: cp311-cp311-macosx_10_9_x86_64\n")
    assert max(infoplist._macos_versions_in_tags(tags)) == (13, 0)
    assert re.fullmatch(r"\d+\.\d+", infoplist.minimum_macos())


def test_info_plist_template_refuses_unfilled_placeholders(tools, tmp_path: Path) -> None:
    infoplist = tools("macos/infoplist.py")
    template = tmp_path / "Info.plist"
    template.write_text((PACKAGING / "macos" / "Info.plist").read_text(encoding="utf-8")
                        .replace("</dict>", "<key>X</key><string>@BUILD@</string></dict>"),
                        encoding="utf-8")
    with pytest.raises(ValueError, match="@BUILD@"):
        infoplist.info_plist(template, "1.0", "12.0")


def test_localized_macos_names() -> None:
    zh = (PACKAGING / "macos" / "zh-Hans.lproj" / "InfoPlist.strings").read_text(encoding="utf-8")
    en = (PACKAGING / "macos" / "en.lproj" / "InfoPlist.strings").read_text(encoding="utf-8")
    assert f'"CFBundleDisplayName" = "{CHINESE_NAME}";' in zh
    assert '"CFBundleDisplayName" = "Huaibei Reader";' in en


def test_windows_version_resource_text(tools) -> None:
    versioninfo = tools("windows/versioninfo.py")
    assert versioninfo.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert versioninfo.version_tuple("2.3") == (2, 3, 0, 0)
    text = versioninfo.version_info_text("1.4.2")

    # PyInstaller evaluates this text with its version-info classes (Windows only); evaluate it
    # here with stand-ins that keep the arguments, to check its shape.
    def keep(kind):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct")
    tree = eval(text, {name: keep(name) for name in names})
    assert tree[0] == "VSVersionInfo"
    ffi = tree[2]["ffi"]
    assert ffi[2]["filevers"] == (1, 4, 2, 0)
    tables = tree[2]["kids"][0][1][0]
    strings = {table[1][0]: dict(s[1] for s in table[1][1]) for table in tables}
    assert strings["080404B0"]["ProductName"] == CHINESE_NAME
    assert strings["040904B0"]["ProductVersion"] == "1.4.2"


def test_inno_setup_script() -> None:
    raw = (PACKAGING / "windows" / "huaibei-reader.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads non-ASCII text only with a BOM"
    text = raw.decode("utf-8-sig")
    setup = dict(re.findall(r"^(\w+)=(.*?)\r?$", text.split("[Setup]")[1].split("\n[")[0],
                            re.MULTILINE))
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["AppVersion"] == "{#AppVersion}"  # passed in, never written here
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])
    assert re.search(r'^Name: "chinesesimplified"; MessagesFile: "\{#ChineseIsl\}"', text,
                     re.MULTILINE)
    assert f"chinesesimplified.AppDisplayName={CHINESE_NAME}" in text
    assert re.search(r'^Name: "\{autoprograms\}\\\{cm:AppDisplayName\}"', text, re.MULTILINE)
    # The bundle and the installer agree on the program's name.
    assert '#define AppExe "huaibei-reader.exe"' in text


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name[zh_CN]"] == CHINESE_NAME
    assert entry["Exec"] == "huaibei-reader"
    assert entry["Icon"] == APP_ID
    assert "News" in entry["Categories"].split(";")
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate",
                               str(PACKAGING / "linux" / f"{APP_ID}.desktop")],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_appstream_metainfo() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
    root = ElementTree.parse(path).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [n.text for n in root.findall("name") if n.get(lang) == "zh-CN"] == [CHINESE_NAME]
    assert root.find("provides/binary").text == "huaibei-reader"
    if shutil.which("appstreamcli"):
        proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
