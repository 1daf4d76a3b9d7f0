#!/usr/bin/env python3
"""Where the CPU of one `javac` + Error Prone (+ Shareguard) compile goes, from a JFR recording of
that javac process: JIT compilations (of Shareguard's methods and of the rest, C1 and C2, with
the compiler threads' time), GC collections and pauses, class loads (Shareguard's own), the main
thread's allocation, the main thread's execution samples that hold a Shareguard frame by phase
(lowering javac trees, the engine's steps), and each thread's CPU from jdk.ThreadCPULoad.

Usage: bench/plugin-split.py RECORDING.jfr [PATH-TO-jfr]
Record with bench/plugin-overhead.sh's javac command line plus, e.g.,
  -J-XX:StartFlightRecording=filename=x.jfr,settings=x.jfc -J-XX:FlightRecorderOptions=stackdepth=1024
where the settings are made by
  jfr configure --input profile jdk.ExecutionSample#period=5ms jdk.Compilation#threshold=0ms \\
    jdk.ClassLoad#enabled=true jdk.ThreadAllocationStatistics#period=1s \\
    jdk.ObjectAllocationSample#enabled=false jdk.ThreadCPULoad#period=1s --output x.jfc
Compile times of the compiler threads are wall times of each compilation: on a loaded machine
they include time the thread waited for a core, so compare counts more than milliseconds.
"""
import json, subprocess, sys, collections
rec = sys.argv[1]
J = sys.argv[2] if len(sys.argv) > 2 else "jfr"
def events(names):
    out = subprocess.run([J, "print", "--json", "--stack-depth", "1024", "--events", names, rec],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]
def ms(e): 
    d = e["values"]["duration"]
    # formats: PT0.0123S, PT1M2.3S
    d = d[2:]; t = 0.0
    if "M" in d: m, d = d.split("M"); t += 60*float(m)
    if d.endswith("S"): t += float(d[:-1])
    return t*1000
comp = events("jdk.Compilation")
agg = collections.defaultdict(lambda: [0, 0.0, 0])
for e in comp:
    v = e["values"]; m = v["method"]; tn = m["type"]["name"]
    ours = tn.startswith("dev/shareguard")
    lvl = v.get("compileLevel", 0)
    key = ("shareguard" if ours else "other", "C2" if lvl == 4 else "C1")
    a = agg[key]; a[0] += 1; a[1] += ms(e); a[2] += v.get("inlinedBytes", 0) + 0
tot = [0, 0.0]
print("JIT compilations (count, ms of compile-thread time, inlined bytes):")
for k in sorted(agg):
    print("  %-11s %s: %6d  %9.0f ms  %9d" % (k[0], k[1], *agg[k])); tot[0] += agg[k][0]; tot[1] += agg[k][1]
print("  total: %d compilations, %.0f ms" % tuple(tot))
gc = events("jdk.GarbageCollection")
print("GC: %d collections, sum of pauses %.0f ms, longest %.0f ms" % (len(gc), sum(e["values"]["sumOfPauses"] and ms({"values": {"duration": e["values"]["sumOfPauses"]}}) for e in gc), max([ms({"values": {"duration": e["values"]["longestPause"]}}) for e in gc] or [0])))
cl = events("jdk.ClassLoad")
ours = sum(1 for e in cl if e["values"]["loadedClass"]["name"].startswith("dev/shareguard"))
cnt = collections.Counter(e["values"]["loadedClass"]["name"].split("/")[0] + "/" + (e["values"]["loadedClass"]["name"].split("/")+[""])[1] for e in cl)
print("class loads: %d total, %d dev/shareguard; top packages: %s" % (len(cl), ours, cnt.most_common(6)))
al = events("jdk.ThreadAllocationStatistics")
mainal = max([e["values"]["allocated"] for e in al if (e["values"].get("thread") or {}).get("javaName") == "main"] or [0])
print("main thread allocated: %.0f MB" % (mainal / 1e6))
smp = events("jdk.ExecutionSample")
PH = [("UnitLowering", "lowering"), ("StatementLowering", "lowering"), ("ExpressionLowering", "lowering"), ("JavacLowering", "lowering"),
      ("copies.CopyFacts", "copies"), ("operators.OperatorFacts", "operators"), ("ConflictFinder", "pairing"),
      ("ThreadWalker.walkAll", "walk"), ("ProgramIndex.<init>", "index"), ("FieldFacts.<init>", "fieldfacts"),
      ("core.rules.", "rules"), ("core.Analyzer", "analyzer other"), ("dev.shareguard", "plugin other")]
main_n = 0; ph = collections.Counter(); threads = collections.Counter()
for e in smp:
    th = (e["values"].get("sampledThread") or {}).get("javaName")
    threads[th] += 1
    if th != "main": continue
    main_n += 1
    st = e["values"].get("stackTrace") or {}
    fr = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in st.get("frames", [])]
    if not any("dev.shareguard" in f for f in fr): continue
    for k, n in PH:
        if any(k in f for f in fr): ph[n] += 1; break
sg = sum(ph.values())
print("execution samples: main %d, Shareguard on main %d (%.1f%%); threads %s" % (main_n, sg, 100.0*sg/max(main_n,1), threads.most_common(4)))
for n, c in ph.most_common(): print("  %-15s %5d  %5.1f%%" % (n, c, 100.0*c/max(sg,1)))
tl = events("jdk.ThreadCPULoad")
cpu = collections.Counter()
for e in tl:
    th = (e["values"].get("eventThread") or {}).get("osName") or (e["values"].get("eventThread") or {}).get("javaName")
    cpu[th] += e["values"]["user"] + e["values"]["system"]
if tl:
    # ThreadCPULoad is a share of the whole machine sampled each second: summed, it is seconds
    # times the machine's core count.
    print("thread CPU (sum of 1 s ThreadCPULoad samples, seconds / cores): " + ", ".join("%s %.1f" % (k, v) for k, v in cpu.most_common(8)))
