"""The README's layout section names only paths that exist, so a newcomer can trust it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE = re.compile(r"(?<![\w/.])([\w./]+/)?(\w+\.py)\b")
FOLDER = re.compile(r"(?<![\w/.])((?:\.?\w+/)+)(?![\w.])")


def layout_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```")[1].strip("\n").splitlines()


def named_paths() -> list[tuple[str, list[Path]]]:
    """Every folder and module the block names, with where it may be: from the root, or
    inside the folder of the first column (beside the file the column names)."""
    paths: list[tuple[str, list[Path]]] = []
    where = ROOT
    for line in layout_block():
        first, _, rest = line.partition(" ")
        if first:
            paths.append((first.rstrip("/"), [ROOT / first]))
            where = ROOT / first if first.endswith("/") else (ROOT / first).parent
        names = FOLDER.findall(rest) + ["".join(m) for m in MODULE.findall(rest)]
        paths += [(name, [where / name, ROOT / name]) for name in names]
    return paths


def test_the_layout_block_is_found_and_names_the_apps():
    names = {name for name, _ in named_paths()}
    assert {"portal", "regions", "agreements", "reports/services", "formulas.py"} <= names


def test_every_path_the_layout_names_exists():
    missing = [name for name, places in named_paths() if not any(p.exists() for p in places)]
    assert missing == []
