#!/usr/bin/env python3
"""Cut the bundled UI and PDF font from Noto Sans SC Regular.

The character set is GB 2312 (all 7,445 two-byte codes) united with the Table of General
Standard Chinese Characters (8,105 characters, which adds given-name characters such as
喆 堃 玥 赟 珺 that GB 2312 lacks), plus ASCII, Latin-1, general and CJK punctuation and the
full-width forms. Characters outside this set fall back to the fonts the OS has installed.

Usage (fonttools 4.68 from PyPI; the font from the npm package
@expo-google-fonts/noto-sans-sc@0.4.3, file 400Regular/NotoSansSC_400Regular.ttf):

    python3 make-subset.py NotoSansSC_400Regular.ttf tongyong-guifan-hanzi-8105.txt
"""

import subprocess
import sys
from pathlib import Path


def gb2312_characters():
    """Yield every character that a two-byte GB 2312 code decodes to."""
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                yield bytes([high, low]).decode("gb2312")
            except UnicodeDecodeError:
                continue


def extra_ranges():
    """Yield ASCII, Latin-1, punctuation, symbols and full-width forms used in the UI."""
    ranges = [
        (0x20, 0x7E),
        (0xA0, 0xFF),
        (0x2010, 0x205E),
        (0x2100, 0x215F),
        (0x2190, 0x21FF),
        (0x2460, 0x24FF),
        (0x2500, 0x257F),
        (0x25A0, 0x25FF),
        (0x2600, 0x26FF),
        (0x3000, 0x303F),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFFEF),
    ]
    for first, last in ranges:
        for code in range(first, last + 1):
            yield chr(code)


def main():
    source_font, table_8105 = sys.argv[1], sys.argv[2]
    characters = set(gb2312_characters()) | set(extra_ranges())
    characters |= {line.strip() for line in Path(table_8105).read_text("utf-8").splitlines() if line.strip()}
    text_file = Path("subset-characters.txt")
    text_file.write_text("".join(sorted(characters)), "utf-8")
    subprocess.run(
        [
            "pyftsubset",
            source_font,
            f"--text-file={text_file}",
            "--output-file=NotoSansSC-Regular-subset.ttf",
            "--no-hinting",
            "--layout-features=kern,liga,vert,vrt2,locl",
            "--name-IDs=*",
        ],
        check=True,
    )
    text_file.unlink()


if __name__ == "__main__":
    main()
