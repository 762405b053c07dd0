#!/usr/bin/env python3
"""Delivery benchmark: relaybox accepting mail (STARTTLS + AUTH, as bench.py loads it) and delivering it to a
smarthost on loopback (the anchor's smtp-sink, Postfix's C sink, plain SMTP), in the same run.

Per scenario: the acceptance rate the client saw, the sustained end-to-end rate (messages that reached the
upstream / time from the first submission to the last delivery), how many were still queued when the client
finished and how long they took to drain, the latency from the 250 relaybox gave the client to the 250 the
upstream gave relaybox (p50/p99, paired by Message-ID), relaybox's CPU per message (accepting and delivering)
and its peak RSS.
The same load goes to the reference Postfix + Dovecot (../shared/anchors/postfix, relaying to the same
smtp-sink), unless --no-postfix. The sink dumps one file per message; its modification time is the
upstream's 250.
Usage: python3 bench/delivery.py --binary artifacts/aot/relaybox --anchors ../shared/anchors/postfix --out bench/results
"""
import argparse, importlib.util, json, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (shared helpers: load generator, CPU and memory sampling)

# 1x500: one client sending one message after another, the pipeline's own latency when nothing saturates it;
# 200x1 and 20x50: the submission benchmark's bursts, where delivery competes with acceptance for the 2 cores.
SCENARIOS = [("1x500", 1, 500), ("200x1", 200, 1), ("20x50", 20, 50)]


POSTFIX_SUBMISSION = 10587
MESSAGE_ID = re.compile(rb"^Message-ID:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
SINK_PORT = 10025  # the anchor's smtp-sink (Postfix's C sink), upstream of both servers


def start_sink(anchors, dump):
    """(Re)starts the anchor's smtp-sink dumping one file per message into dump (it runs as user postfix)."""
    os.makedirs(dump)
    subprocess.run(["bash", os.path.join(anchors, "setup-postfix.sh")], env=dict(os.environ, SINK_ONLY="1", SINK_DUMP=dump),
                   check=True, capture_output=True)


def sink_deliveries(dump):
    """Message-ID -> the time the sink wrote the message (its 250 follows at once)."""
    delivered = {}
    for entry in os.scandir(dump):
        with open(entry.path, "rb") as f:
            match = MESSAGE_ID.search(f.read(16384))
        if match:
            delivered[match.group(1).decode()] = entry.stat().st_mtime
    return delivered


def pct(values, p):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))] if s else None


def scenario(binary, anchors, work, name, connections, messages):
    port = bench.free_port()
    data = os.path.join(work, name)
    config = os.path.join(work, name + ".ini")
    with open(config, "w") as f:
        f.write(f"[server]\nhostname = relay.bench\ndata_dir = {data}\nmynetworks = 127.0.0.1/32\n"
                f"max_connections = 512\nmax_connections_per_ip = 512\n\n"
                f"[listen]\nsmtp =\nsmtps =\nsubmission = 127.0.0.1:{port}\n\n"
                f"[relay]\nsender_quota = 0\nrelayhost = [127.0.0.1]:{SINK_PORT}\ntls_security_level = none\n\n"
                f"[rewrite]\nadmin = admin@relay.bench\n")
    subprocess.run([binary, "user", "add", bench.USER, "--password-stdin", "--config", config],
                   input=bench.PASSWORD + "\n", text=True, check=True, capture_output=True)
    dump = os.path.join(work, name + "-relaybox-sink")
    trace = os.path.join(work, name + "-trace.jsonl")
    start_sink(anchors, dump)
    proc = subprocess.Popen([binary, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not bench.wait_listening(port, time.monotonic() + 30):
            raise SystemExit("relaybox did not start")
        time.sleep(1)
        sampler = bench.MemorySampler(proc.pid); sampler.start()
        cpu0 = bench.cpu_seconds(proc.pid)
        t_start = time.time()
        res = bench.load(anchors, port, connections, messages, ["--trace", trace])
        t_client_done = time.time()
        queue = os.path.join(data, "queue")
        left_at_end = count_queued(queue)
        deadline = time.time() + 120
        while count_queued(queue) and time.time() < deadline:
            time.sleep(0.02)
        t_drained = time.time()
        cpu1 = bench.cpu_seconds(proc.pid)
        sampler.done.set(); sampler.join()
    finally:
        proc.terminate(); proc.wait(30)
    delivered = sink_deliveries(dump)
    return summarize(res, trace, delivered, t_start, t_client_done, t_drained, left_at_end, cpu1 - cpu0, sampler.peak)


def postfix_helpers(anchors):
    """The anchor's own CPU, memory and queue probes for the Postfix + Dovecot process trees."""
    spec = importlib.util.spec_from_file_location("postfix_anchor_bench", os.path.join(anchors, "bench.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario_postfix(anchors, pf, work, name, connections, messages):
    dump = os.path.join(work, name + "-postfix-sink")
    start_sink(anchors, dump)
    while pf.queue_count():
        time.sleep(0.2)
    trace = os.path.join(work, name + "-postfix-trace.jsonl")
    sampler = pf.MemSampler(); sampler.start()
    cpu0 = pf.cpu_snapshot()[0]
    t_start = time.time()
    res = bench.load(anchors, POSTFIX_SUBMISSION, connections, messages, ["--trace", trace])
    t_client_done = time.time()
    left_at_end = pf.queue_count()
    deadline = time.time() + 180
    while pf.queue_count() and time.time() < deadline:
        time.sleep(0.02)
    t_drained = time.time()
    cpu1 = pf.cpu_snapshot()[0]
    sampler.stop.set(); sampler.join()
    delivered = sink_deliveries(dump)
    return summarize(res, trace, delivered, t_start, t_client_done, t_drained, left_at_end, cpu1 - cpu0,
                     (sampler.peak or {}).get("pss_kb", 0))


def summarize(res, trace, delivered, t_start, t_client_done, t_drained, left_at_end, cpu_s, peak_kb):
    with open(trace) as f:
        acks = {r["mid"]: r["t_ack"] for r in map(json.loads, f)}
    latencies = [(delivered[m] - t) * 1000 for m, t in acks.items() if m in delivered]
    sent = res["messages_sent"]
    last = max(delivered.values()) if delivered else t_start
    return {
        "messages_accepted": sent, "messages_delivered": len([m for m in acks if m in delivered]),
        "accept_msgs_per_s": res["msgs_per_s"],
        "end_to_end_msgs_per_s": round(len(delivered) / (last - t_start), 1),
        "queued_when_client_done": left_at_end, "drain_s": round(t_drained - t_client_done, 2),
        "latency_p50_ms": round(pct(latencies, 50), 1) if latencies else None,
        "latency_p99_ms": round(pct(latencies, 99), 1) if latencies else None,
        "cpu_ms_per_msg": round(cpu_s * 1000 / (sent or 1), 3), "peak_memory_kb": peak_kb,
        "failures": res["failures"],
    }


def count_queued(queue):
    return sum(1 for folder in ("active", "deferred") if os.path.isdir(os.path.join(queue, folder))
               for name in os.listdir(os.path.join(queue, folder)) if name.endswith(".q"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--anchors", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--no-postfix", action="store_true")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="relaybox-delivery-bench-")
    os.chmod(work, 0o755)  # Postfix's smtp-sink runs as user postfix and writes its dumps below here
    pf = None if a.no_postfix else postfix_helpers(a.anchors)
    if pf:
        # Postfix + Dovecot (re)started as the anchor sets them up; each scenario then restarts only the sink.
        subprocess.run(["bash", os.path.join(a.anchors, "setup-postfix.sh")], check=True, capture_output=True)
    results = {"relaybox": {}, "postfix": {}}
    for name, connections, messages in SCENARIOS:
        results["relaybox"][name], results["postfix"][name] = [], []
        for rep in range(a.reps):
            rep_dir = os.path.join(work, f"{name}-{rep}")
            os.makedirs(rep_dir)
            results["relaybox"][name].append(scenario(os.path.abspath(a.binary), a.anchors, rep_dir, name, connections, messages))
            if pf:
                results["postfix"][name].append(scenario_postfix(a.anchors, pf, rep_dir, name, connections, messages))
    with open(os.path.join(a.out, f"delivery-{time.strftime('%Y%m%d-%H%M%S')}.json"), "w") as f:
        json.dump(results, f, indent=1)
    keys = ("accept_msgs_per_s", "end_to_end_msgs_per_s", "queued_when_client_done", "drain_s", "latency_p50_ms",
            "latency_p99_ms", "cpu_ms_per_msg", "peak_memory_kb")
    print("| scenario | server | accepted msgs/s | end-to-end msgs/s | queued at client end | drain s | 250→250 p50 ms | p99 ms | CPU ms/msg | peak memory MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    failed = 0
    for name, _, _ in SCENARIOS:
        medians = {}
        for server, label in (("relaybox", "relaybox (RSS)"), ("postfix", "Postfix+Dovecot (PSS)")):
            runs = results[server][name]
            if not runs:
                continue
            m = medians[server] = {k: bench.median([r[k] for r in runs]) for k in keys}
            failed += sum(r["failures"] + r["messages_accepted"] - r["messages_delivered"] for r in runs) if server == "relaybox" else 0
            print(f"| {name} | {label} | {m['accept_msgs_per_s']} | {m['end_to_end_msgs_per_s']} | {m['queued_when_client_done']} | "
                  f"{m['drain_s']} | {m['latency_p50_ms']} | {m['latency_p99_ms']} | {m['cpu_ms_per_msg']} | {m['peak_memory_kb'] / 1024:.1f} |")
        if len(medians) == 2:
            r, q = medians["relaybox"], medians["postfix"]

            def ratio(key):
                # Latencies at or below 0 mean "delivered before the client had read its 250": no ratio to give.
                return f"x{r[key] / q[key]:.2f}" if r[key] and q[key] and r[key] > 0 and q[key] > 0 else "-"
            print(f"| {name} | ratio | | {ratio('end_to_end_msgs_per_s')} | | | {ratio('latency_p50_ms')} | "
                  f"{ratio('latency_p99_ms')} | {ratio('cpu_ms_per_msg')} | |")
    if failed:
        print(f"{failed} messages failed or were not delivered by relaybox", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
