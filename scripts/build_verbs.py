"""Rebuilds src/dateline/data/verbs.tsv (verb lemma and simple object patterns -> CAMEO code) from PETRARCH-2.

Usage: python scripts/build_verbs.py PATH   where PATH is a checkout of openeventdata/petrarch2 (a work tree,
or a bare git directory, read at HEAD). Reads ``CAMEO.2.0.txt`` (the CAMEO verb-pattern dictionary, MIT,
(c) 2015 Open Event Data Alliance). The output is deterministic: same input, same bytes.

Output rows (tab-separated, ``#`` lines are comments):
  ``V  lemma  group  code``      a verb of a synonym group with its default code (``-`` = none of its own)
  ``P  group  words  code``      a pattern of a group: all its words must follow the verb in its clause
  ``S  &name  words``            a synonym set used by patterns (``&food``): the last word of each member
The group's own default code is the ``V`` row whose lemma is ``*``. Only patterns of the form
``- * WORDS`` are kept (subject-side patterns and source/target markers are dropped).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DICT = "petrarch2/data/dictionaries/CAMEO.2.0.txt"
OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "verbs.tsv"

_CODE = re.compile(r"\[([0-9A-Za-z:\-]*)\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


def read(repo: Path) -> str:
    path = repo / DICT
    if path.is_file():
        return path.read_text(encoding="utf-8", errors="replace")
    raw = subprocess.run(["git", f"--git-dir={repo}", "show", f"HEAD:{DICT}"], check=True,
                         capture_output=True).stdout
    return raw.decode("utf-8", errors="replace")


def commit_of(repo: Path) -> str:
    git_dir = repo if (repo / "HEAD").is_file() and not (repo / ".git").exists() else repo / ".git"
    out = subprocess.run(["git", f"--git-dir={git_dir}", "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def code_of(raw: str) -> str | None:
    """'[042:043]' -> '042' (the primary code); '[:173]' -> '173'; '[---]' -> None."""
    for part in raw.split(":"):
        part = part.strip()
        if part and part != "---" and part[:2].isdigit():
            return part
    return None


def synsets(text: str) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = ""
    for line in text.split("####### VERB PATTERNS")[0].splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("&"):
            name = line.split()[0]
            sets[name] = []
        elif line.startswith("+") and name:
            words = [w for w in line[1:].strip("_").lower().split("_") if w]
            if words and words[-1] not in sets[name]:
                sets[name].append(words[-1])
    return sets


def pattern_words(body: str, sets: dict[str, list[str]]) -> list[str] | None:
    """'* (TO &TREATY)' -> ['to', 'treaty|accord|...']; None when the pattern is not a simple object pattern."""
    body = body.strip()
    if not body.startswith("*"):
        return None
    words: list[str] = []
    for raw in re.sub(r"[(){}]", " ", body[1:]).split():
        if raw in ("$", "^", "%", "+") or raw.startswith(("$", "^", "%")):
            continue
        if raw.startswith("&"):
            if not sets.get(raw.rstrip("_")):
                return None
            words.append(raw.rstrip("_").lower())
            continue
        parts = [w for w in raw.lower().strip("_").split("_") if w]
        if not parts or not all(re.fullmatch(r"[a-z][a-z'\-]*", w) for w in parts):
            return None
        words.extend(parts)
    return words or None


def convert(text: str) -> list[str]:
    sets = synsets(text)
    rows: list[str] = []
    used: set[str] = set()
    group = ""
    for line in text.split("####### VERB PATTERNS", 1)[1].splitlines():
        m = _BLOCK.match(line)
        if m:
            group = m.group(1)
            rows.append(f"V\t*\t{group}\t{code_of(m.group(2)) or '-'}")
            continue
        if not group or not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, _ = line.partition("#")
        if body.startswith("-"):
            codes = _CODE.findall(body)
            code = code_of(codes[-1]) if codes else None
            words = pattern_words(_CODE.sub(" ", body[1:]), sets)
            if code and words:
                used.update(w for w in words if w.startswith("&"))
                rows.append(f"P\t{group}\t{' '.join(words)}\t{code}")
            continue
        codes = _CODE.findall(body)
        head = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", body)).split()
        if len(head) != 1:
            continue
        verb = head[0].lstrip("+").strip("_").lower()
        if not re.fullmatch(r"[a-z][a-z_\-]*", verb):
            continue
        # multi-word verbs ('+ASK_FOR'): the first word is the verb, the rest a particle pattern of its own
        lemma = verb.replace("_", " ")
        rows.append(f"V\t{lemma}\t{group}\t{(code_of(codes[0]) if codes else None) or '-'}")
    return [f"S\t{name}\t{' '.join(sets[name.upper()])}" for name in sorted(used)] + rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = Path(argv[1])
    rows = convert(read(repo))
    seen: set[str] = set()
    out = [f"# dateline verb lexicon, converted by scripts/build_verbs.py from openeventdata/petrarch2 @ "
           f"{commit_of(repo)}\n# ({DICT}; MIT, (c) 2015 Open Event Data Alliance). Rows: V lemma group code | "
           "P group words code (see the script's docstring).\n"]
    for row in rows:
        if row not in seen:
            seen.add(row)
            out.append(row + "\n")
    OUT.write_text("".join(out), encoding="utf-8")
    print(f"{OUT}: {len(seen)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
