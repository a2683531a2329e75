#!/usr/bin/env python3
"""The include graph points one way: fails when the library includes the command line, a command
includes the library's private headers, or two parts of the library include each other.

Layers, lowest first: the library (include/ccsim, sim/), then its users (tools/ccsim, python/,
tools/bench, tests/). A part of the library is a name: include/ccsim/NAME.h (or detail/NAME.h)
with sim/NAME.cpp (or sim/engine/NAME.*); part A depends on part B when a file of A includes B's
header. Those dependencies must form no cycle, so that each part can be read, tested and reused
from the bottom up.

Usage: tools/check-includes.py [ROOT]   (exit 1 with one line per problem)
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    return INCLUDE.findall(path.read_text(errors="replace"))


# Parts whose compiled tables the Model keeps (model.h includes their headers, which only
# forward-declare Model, and their compile step reads the Model): a deliberate loop, one each.
MODEL_TABLES = {("business_time", "model"), ("roster", "model"), ("routing", "model")}


def part_of(path, root):
    """The library part a file belongs to: its name without folder or extension; the engine's
    private parts (sim/engine/) are one part with engine.h and engine.cpp."""
    if path.parent == root / "sim" / "engine":
        return "engine"
    return path.stem


def part_of_header(name, root):
    if name.startswith("sim/engine/"):
        return "engine"
    return pathlib.PurePath(name).stem


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    library = sorted(list((root / "include" / "ccsim").rglob("*.h")) + list((root / "sim").rglob("*.[ch]*")))
    users = {
        "tools/ccsim": sorted((root / "tools" / "ccsim").glob("*.[ch]*")),
        "python": sorted((root / "python").glob("*.[ch]*")),
    }
    problems = []

    # The library never reaches up into a command or the Python module.
    for path in library:
        for name in includes(path):
            if name.startswith(("CLI/", "pybind11/")) or not (
                    name.startswith("ccsim/") or name.startswith("sim/") or "/" not in name):
                problems.append(f"{path.relative_to(root)}: includes {name}, above the library")
            elif "/" not in name and not (path.parent / name).exists():
                problems.append(f"{path.relative_to(root)}: includes {name}, not a library header")

    # Users see the library's public headers only.
    for folder, paths in users.items():
        for path in paths:
            for name in includes(path):
                if name.startswith("ccsim/detail/") or name.startswith("sim/"):
                    problems.append(f"{path.relative_to(root)}: includes {name}, private to the library")

    # No cycle between the library's parts.
    graph = {}
    for path in library:
        part = part_of(path, root)
        for name in includes(path):
            other = part_of_header(name, root)
            if other != part and (part, other) not in MODEL_TABLES:
                graph.setdefault(part, set()).add(other)
    state = {}
    stack = []

    def visit(part):
        state[part] = "open"
        stack.append(part)
        for other in sorted(graph.get(part, ())):
            if state.get(other) == "open":
                cycle = stack[stack.index(other):] + [other]
                problems.append("the library's parts include each other: " + " -> ".join(cycle))
            elif other not in state:
                visit(other)
        stack.pop()
        state[part] = "done"

    for part in sorted(graph):
        if part not in state:
            visit(part)

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
