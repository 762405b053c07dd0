#!/usr/bin/env python3
"""Submission-server benchmark: relaybox against the reference Postfix + Dovecot on loopback.

Scenarios (both STARTTLS + AUTH PLAIN, 4 KiB messages, client source address 127.0.0.2):
  200x1   200 concurrent connections of one message each: every message pays a TLS handshake and a login
  20x50   20 connections of 50 messages each

Per scenario: msgs/s, p50/p99 latency per message including connection set-up, server CPU seconds per
message (utime+stime of the server processes), server RSS (relaybox: its one process; Postfix: PSS of the
Postfix + Dovecot process trees, as the anchor's bench.py measures). Also relaybox's idle RSS, time from
exec to listening, and the size of the binary.
"""
import argparse, json, os, socket, subprocess, sys, tempfile, threading, time

USER, PASSWORD = "relayuser", "Relay-Bench-2026"
CLK = os.sysconf("SC_CLK_TCK")
SCENARIOS = [("200x1", 200, 1), ("20x50", 20, 50)]


def cpu_seconds(pid):
    s = open(f"/proc/{pid}/stat").read()
    rest = s[s.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / CLK


def status_kb(pid, field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, deadline):
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.001)
    return False


def pss_kb(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


class MemorySampler(threading.Thread):
    """Peak RSS and peak PSS (the measure the Postfix anchor reports: shared library pages divided)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_pss, self.done = pid, 0, 0, threading.Event()

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, status_kb(self.pid, "VmRSS") or 0)
            self.peak_pss = max(self.peak_pss, pss_kb(self.pid))
            self.done.wait(0.05)


def load(anchors, port, connections, messages, extra=()):
    cmd = ["/usr/bin/python3", os.path.join(anchors, "smtp_load.py"), "--port", str(port), "--tls", "starttls",
           "--auth", "plain", "--user", USER, "--password", PASSWORD, "--connections", str(connections),
           "--messages-per-connection", str(messages), "--size", "4096", "--source", "127.0.0.2", "--timeout", "120", *extra]
    run = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in run.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise SystemExit(f"load generator failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    result = json.loads(lines[-1])
    if not result["messages_sent"]:
        raise SystemExit(f"no message got through: {result['errors']} {result['first_error_text']}")
    return result


def bench_relaybox(binary, anchors, reps):
    work = tempfile.mkdtemp(prefix="relaybox-bench-")
    port = free_port()
    config = os.path.join(work, "relaybox.ini")
    with open(config, "w") as f:
        f.write(f"[server]\nhostname = relay.bench\ndata_dir = {work}/data\nmynetworks = 127.0.0.1/32\n"
                f"max_connections = 512\nmax_connections_per_ip = 512\n\n"
                f"[listen]\nsmtp =\nsmtps =\nsubmission = 127.0.0.1:{port}\n\n"
                # One login sends every message of the benchmark: lift the per-login hourly quota.
                f"[relay]\nsender_quota = 0\n\n"
                # This benchmark measures acceptance: keep the mail in the queue (bench/delivery.py measures delivery).
                f"[queue]\ndeliver = no\n")
    subprocess.run([binary, "user", "add", USER, "--password-stdin", "--config", config],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    # First start generates the TLS key; time the second, the ordinary start.
    for attempt in range(2):
        t0 = time.monotonic()
        proc = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_listening(port, t0 + 30):
            raise SystemExit("relaybox did not start")
        start_ms = (time.monotonic() - t0) * 1000
        if attempt == 0:
            proc.terminate(); proc.wait(30)
    try:
        time.sleep(2)
        result = {"start_to_listening_ms": round(start_ms, 1), "idle_rss_kb": status_kb(proc.pid, "VmRSS"),
                  "binary_bytes": os.path.getsize(binary), "scenarios": {}}
        for name, c, m in SCENARIOS:
            runs = []
            for _ in range(reps):
                sampler = MemorySampler(proc.pid); sampler.start()
                cpu0 = cpu_seconds(proc.pid)
                res = load(anchors, port, c, m)
                cpu1 = cpu_seconds(proc.pid)
                sampler.done.set(); sampler.join()
                sent = res["messages_sent"] or 1
                runs.append({"msgs_per_s": res["msgs_per_s"], "failures": res["failures"], "errors": res["errors"],
                             "p50_ms": res["latency_ms"]["msg_incl_setup"]["p50"],
                             "p99_ms": res["latency_ms"]["msg_incl_setup"]["p99"],
                             "cpu_ms_per_msg": round((cpu1 - cpu0) * 1000 / sent, 3), "peak_rss_kb": sampler.peak,
                             "peak_pss_kb": sampler.peak_pss})
                time.sleep(1)
            result["scenarios"][name] = runs
        result["idle_rss_after_load_kb"] = status_kb(proc.pid, "VmRSS")
        return result
    finally:
        proc.terminate(); proc.wait(30)


def bench_postfix(anchors, out, reps):
    subprocess.run(["bash", os.path.join(anchors, "setup-postfix.sh")], check=True, capture_output=True)
    outdir = os.path.join(out, "postfix")
    os.makedirs(outdir, exist_ok=True)
    env = dict(os.environ, EXTRA_ARGS="--source 127.0.0.2")
    subprocess.run(["/usr/bin/python3", os.path.join(anchors, "bench.py"), outdir, str(reps)] +
                   [f"{name}:10587:starttls:plain:{c}:{m}" for name, c, m in SCENARIOS], check=True, env=env)
    result = {}
    for name, _, _ in SCENARIOS:
        runs = []
        for rep in range(1, reps + 1):
            r = json.load(open(os.path.join(outdir, f"{name}-{rep}.json")))
            lg = r["loadgen"]
            runs.append({"msgs_per_s": lg["msgs_per_s"], "failures": lg["failures"],
                         "p50_ms": lg["latency_ms"]["msg_incl_setup"]["p50"],
                         "p99_ms": lg["latency_ms"]["msg_incl_setup"]["p99"],
                         "cpu_ms_per_msg": r["server_cpu_ms_per_msg"],
                         "peak_pss_kb": (r["peak_mem"] or {}).get("pss_kb")})
        result[name] = runs
    return result


def median(values):
    v = sorted(x for x in values if x is not None)
    return v[len(v) // 2] if v else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--anchors", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--no-postfix", action="store_true")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rb = bench_relaybox(os.path.abspath(a.binary), a.anchors, a.reps)
    pf = None if a.no_postfix else bench_postfix(a.anchors, a.out, a.reps)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(a.out, f"bench-{stamp}.json"), "w") as f:
        json.dump({"relaybox": rb, "postfix": pf}, f, indent=1)

    print(f"relaybox binary {rb['binary_bytes'] / 1e6:.1f} MB, start to listening {rb['start_to_listening_ms']} ms, "
          f"idle RSS {rb['idle_rss_kb'] / 1024:.1f} MB (after load {rb['idle_rss_after_load_kb'] / 1024:.1f} MB)")
    print("| scenario | server | msgs/s | p50 ms | p99 ms | CPU ms/msg | memory MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, _, _ in SCENARIOS:
        r = rb["scenarios"][name]
        rm = {k: median([x[k] for x in r]) for k in ("msgs_per_s", "p50_ms", "p99_ms", "cpu_ms_per_msg", "peak_rss_kb", "peak_pss_kb")}
        print(f"| {name} | relaybox | {rm['msgs_per_s']} | {rm['p50_ms']} | {rm['p99_ms']} | {rm['cpu_ms_per_msg']} | "
              f"{rm['peak_pss_kb'] / 1024:.1f} PSS ({rm['peak_rss_kb'] / 1024:.1f} RSS) |")
        if pf:
            q = pf[name]
            pm = {k: median([x[k] for x in q]) for k in ("msgs_per_s", "p50_ms", "p99_ms", "cpu_ms_per_msg", "peak_pss_kb")}
            print(f"| {name} | Postfix+Dovecot | {pm['msgs_per_s']} | {pm['p50_ms']} | {pm['p99_ms']} | "
                  f"{pm['cpu_ms_per_msg']} | {(pm['peak_pss_kb'] or 0) / 1024:.1f} PSS |")
            print(f"| {name} | ratio | x{rm['msgs_per_s'] / pm['msgs_per_s']:.2f} msgs/s | | | "
                  f"x{rm['cpu_ms_per_msg'] / pm['cpu_ms_per_msg']:.3f} CPU | "
                  f"x{rm['peak_pss_kb'] / (pm['peak_pss_kb'] or 1):.2f} PSS |")
    failures = sum(x["failures"] for r in rb["scenarios"].values() for x in r)
    if failures:
        print(f"relaybox failures: {failures}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
