"""Rebuilds src/dateline/data/actors.tsv.gz and agents.tsv from the PETRARCH-2 / Phoenix dictionaries.

Usage: python scripts/build_actors.py PATH   where PATH is a checkout of openeventdata/petrarch2 (a work tree,
or a bare git directory, read at HEAD). The output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

from dateline.pipeline.actors import convert_petrarch_actors, convert_petrarch_agents

DICT_DIR = "petrarch2/data/dictionaries"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data"


def read(repo: Path, name: str) -> str:
    path = repo / DICT_DIR / name
    if path.is_file():
        return path.read_text(encoding="utf-8", errors="replace")
    # a bare git directory (as brought in by a mirror): read the file at HEAD
    raw = subprocess.run(["git", f"--git-dir={repo}", "show", f"HEAD:{DICT_DIR}/{name}"],
                         check=True, capture_output=True).stdout
    return raw.decode("utf-8", errors="replace")


def commit_of(repo: Path) -> str:
    git_dir = repo if (repo / "HEAD").is_file() and not (repo / ".git").exists() else repo / ".git"
    out = subprocess.run(["git", f"--git-dir={git_dir}", "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = Path(argv[1])
    commit = commit_of(repo)
    buf = io.StringIO()
    buf.write("# dateline actor dictionary, converted by scripts/build_actors.py from openeventdata/petrarch2 "
              f"@ {commit}\n# ({', '.join(ACTOR_FILES)}; MIT, (c) 2014 Open Event Data Alliance). "
              "Columns: name, kind, roles, patterns.\n")
    n = 0
    for name in ACTOR_FILES:
        for display, kind, roles, patterns in convert_petrarch_actors(read(repo, name),
                                                                       countries_file="Countries" in name):
            buf.write("\t".join((display, kind, " ".join(r.to_text() for r in roles), "|".join(patterns))) + "\n")
            n += 1
    data = buf.getvalue().encode("utf-8")
    with open(OUT / "actors.tsv.gz", "wb") as fh:
        with gzip.GzipFile(filename="actors.tsv", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    agents = convert_petrarch_agents(read(repo, AGENT_FILE))
    seen: set[tuple[str, str]] = set()
    lines = [f"# dateline agent dictionary, converted by scripts/build_actors.py from openeventdata/petrarch2 "
             f"@ {commit}\n# ({AGENT_FILE}; MIT, (c) 2014 Open Event Data Alliance). Columns: pattern, code.\n"]
    for phrase, code in agents:
        if (phrase, code) in seen:
            continue
        seen.add((phrase, code))
        lines.append(f"{phrase}\t{code}\n")
    (OUT / "agents.tsv").write_text("".join(lines), encoding="utf-8")
    print(f"actors.tsv.gz: {n} entries; agents.tsv: {len(lines) - 1} patterns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
