#!/usr/bin/env python3
"""Re-judges a finished real-bug run at another confidence floor, without auditing again.

Usage: python3 bench/realbugs-floor.py WORK FLOOR [TSV]
  WORK   the --work folder of a `../shared/tools/realbugs.py` run (its unpacked sources and the
         <id>-buggy.sarif / <id>-fixed.sarif reports, written at the floor `low` or the default)
  FLOOR  low, medium or high: findings below it are left out
  TSV    the case table (default ../shared/realbugs-train.tsv)
Prints, per case, the findings in the buggy method of each release, then the caught and quiet
counts, the same way realbugs.py matches them (its method ranges and file matching). Findings
without a confidence (the copies and values rules) are always kept.
"""
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, os.path.join(root, "..", "shared", "tools"))
import realbugs as rb  # noqa: E402

ORDER = {"low": 0, "medium": 1, "high": 2}


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in ORDER:
        print(__doc__, file=sys.stderr)
        return 2
    work, floor = sys.argv[1], sys.argv[2]
    tsv = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "..", "shared", "realbugs-train.tsv")
    rows = [l.rstrip("\n").split("\t") for l in open(tsv, encoding="utf-8")
            if l.strip() and not l.startswith(("id\t", "#"))]
    caught = quiet = cases = fixed_cases = 0
    for row in rows:
        cid, _cat, _issue, relfile, method, buggy, fixed = row[:7]
        names = [n.split(".")[-1] for n in re.findall(r"[A-Za-z_]\w*", method)
                 if n.lower() not in rb.STOP]
        line = cid
        for side, gav in (("buggy", buggy.split(" ")[0]), ("fixed", fixed.split(" ")[0])):
            g, a, v = gav.split(":")
            tree = os.path.join(work, f"{g}_{a}_{v}")
            report = os.path.join(work, f"{cid}-{side}.sarif")
            if not os.path.exists(report) or not os.path.exists(os.path.join(tree, relfile)):
                line += f"\t{side}: not run"
                continue
            text = open(os.path.join(tree, relfile), encoding="utf-8", errors="replace").read()
            results = []
            for r in json.load(open(report, encoding="utf-8"))["runs"][0]["results"]:
                conf = (r.get("properties") or {}).get("confidence")
                if conf is not None and ORDER[conf] < ORDER[floor]:
                    continue
                loc = r["locations"][0]["physicalLocation"]
                results.append((r["ruleId"], loc["artifactLocation"]["uri"],
                                loc["region"]["startLine"]))
            hits = rb.hits_in(results, relfile, rb.method_ranges(text, names))
            line += f"\t{side}: {','.join(hits) or '-'}"
            if side == "buggy":
                cases += 1
                caught += 1 if hits else 0
            else:
                fixed_cases += 1
                quiet += 0 if hits else 1
        print(line)
    print(f"floor {floor}: caught {caught}/{cases}, quiet {quiet}/{fixed_cases}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
