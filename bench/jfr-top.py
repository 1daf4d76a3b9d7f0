#!/usr/bin/env python3
"""Aggregates the execution samples of a JFR recording of a CLI audit into the analysing phase's
top items: the engine's phases (the first engine step found walking the stack up from
Analyzer.analyze), the methods with the most samples on the stack (inclusive), and those with the
most samples at the top (self). Only samples whose stack holds Analyzer.analyze count, so record
with `audit --jobs 1` to have the whole analysis on that thread, and with a stack depth that holds
the deepest walks (JFR keeps 64 frames unless told more).

Usage: bench/jfr-top.py RECORDING.jfr [--top N] [--under METHOD | --callers METHOD]
  --under METHOD    instead, how the samples with METHOD on the stack split among what METHOD
                    calls (its outermost activation's callees), e.g. --under engine.ConflictFinder.find
  --callers METHOD  instead, how they split among the methods that call it (the caller of its
                    innermost activation, lambdas and JDK frames between skipped): who asks for a
                    hot helper, e.g. --callers ir.MethodDecl.hashCode
Record with, e.g.:
  java -XX:StartFlightRecording=filename=x.jfr,settings=profile \\
    -XX:FlightRecorderOptions=stackdepth=1024 -XX:TieredStopAtLevel=1 \\
    -jar shareguard.jar audit --jobs 1 --include-generated --format json --output x.json TREE
Needs the JDK's `jfr` tool on the PATH.
"""
import collections
import json
import subprocess
import sys

ANALYZE = "dev.shareguard.core.Analyzer.analyze"
# The engine's steps, as called (directly or not) from Analyzer.analyze, most specific first: a
# sample counts for the first of these found anywhere on its stack above the analyze frame (the
# copies pack, built lazily under a rule's check, counts as the copies pack, not as the rule).
PHASES = [
    ("copies.CopyFacts.", "copies (CopyFacts)"),
    ("operators.OperatorFacts.", "operators (OperatorFacts)"),
    ("engine.ConflictFinder.", "pairing (ConflictFinder)"),
    ("engine.ConcurrencyIntent.", "concurrency intent (ConcurrencyIntent)"),
    ("engine.ThreadWalker.walkAll", "thread walk (ThreadWalker.walkAll)"),
    ("engine.ProgramIndex.<init>", "index (ProgramIndex)"),
    ("engine.FieldFacts.<init>", "field facts (FieldFacts)"),
    ("model.LibraryModels.<init>", "library models (LibraryModels)"),
    (".core.facts.", "facts API, other (facts/)"),
    (".core.rules.", "rules, other"),
    ("Analyzer.isSuppressed", "suppression"),
]


def frames(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f["method"]
        out.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return out  # top of the stack first


def phase_of(stack):
    above = stack[: stack.index(ANALYZE)]
    for key, name in PHASES:
        if any(key in f for f in above):
            return name
    return "Analyzer.analyze itself (sorting, dedup)"


def main():
    args = sys.argv[1:]
    top = 25
    if "--top" in args:
        k = args.index("--top")
        top = int(args[k + 1])
        del args[k : k + 2]
    under = None
    if "--under" in args:
        k = args.index("--under")
        under = "dev.shareguard.core." + args[k + 1]
        del args[k : k + 2]
    callers_of = None
    if "--callers" in args:
        k = args.index("--callers")
        callers_of = "dev.shareguard.core." + args[k + 1]
        del args[k : k + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    raw = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "400", "--events", "jdk.ExecutionSample", args[0]],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    events = json.loads(raw)["recording"]["events"]
    total = 0
    phases = collections.Counter()
    incl = collections.Counter()
    self_ = collections.Counter()
    own = collections.Counter()
    all_samples = len(events)
    if callers_of is not None:
        callers = collections.Counter()
        n = 0
        for e in events:
            stack = frames(e)
            if callers_of not in stack:
                continue
            n += 1
            i = stack.index(callers_of)
            caller = next(
                (f for f in stack[i + 1 :] if f.startswith("dev.shareguard.") and "$$Lambda" not in f
                 and "lambda$" not in f and f != callers_of),
                "(none)",
            )
            callers[caller] += 1
        print(f"{n} samples under {callers_of}, by caller")
        for name, c in callers.most_common(top):
            print(f"{c:6d} {100 * c / n:5.1f}%  {name}")
        return
    if under is not None:
        callees = collections.Counter()
        n = 0
        for e in events:
            stack = frames(e)
            if under not in stack:
                continue
            n += 1
            i = len(stack) - 1 - stack[::-1].index(under)
            callees[stack[i - 1] if i > 0 else "(self)"] += 1
        print(f"{n} samples under {under}")
        for name, c in callees.most_common(top):
            print(f"{c:6d} {100 * c / n:5.1f}%  {name}")
        return
    for e in events:
        stack = frames(e)
        if ANALYZE not in stack:
            continue
        total += 1
        phases[phase_of(stack)] += 1
        for f in set(stack):
            incl[f] += 1
        self_[stack[0]] += 1
        own[next((f for f in stack if f.startswith("dev.shareguard.core.") and "$$Lambda" not in f), stack[0])] += 1
    print(f"{total} of {all_samples} execution samples in Analyzer.analyze")
    print()
    print("| phase | samples | share |")
    print("|---|---|---|")
    for name, n in phases.most_common():
        print(f"| {name} | {n} | {100 * n / total:.1f}% |")
    print()
    print("| method (inclusive, dev.shareguard only) | samples | share |")
    print("|---|---|---|")
    shown = 0
    for name, n in incl.most_common():
        if not name.startswith("dev.shareguard.core.") or name.startswith(ANALYZE) or "$$Lambda" in name:
            continue
        print(f"| `{name.replace('dev.shareguard.core.', '')}` | {n} | {100 * n / total:.1f}% |")
        shown += 1
        if shown == top:
            break
    print()
    print("| method (self, with the JDK code it calls) | samples | share |")
    print("|---|---|---|")
    for name, n in own.most_common(top):
        print(f"| `{name.replace('dev.shareguard.core.', '')}` | {n} | {100 * n / total:.1f}% |")
    print()
    print("| method (self) | samples | share |")
    print("|---|---|---|")
    for name, n in self_.most_common(top):
        print(f"| `{name.replace('dev.shareguard.core.', '')}` | {n} | {100 * n / total:.1f}% |")


if __name__ == "__main__":
    main()
