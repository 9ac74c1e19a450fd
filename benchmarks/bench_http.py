"""Load the real server on loopback with a 600-word article and print throughput, latency and CPU per request.

Beside the scoring endpoint it measures, in the same run, a trivial endpoint on
the same server and workers (/livez: the framework's ceiling) and scoring the
same article in-process without HTTP (the model's own cost, measured before
and after the load and pooled, so drift in the machine's speed averages out).
Uses wrk when it is installed, else a bounded asyncio load generator. At most
about 30 s of load.

    .venv/bin/python benchmarks/bench_http.py [--seconds 12] [--connections 16] [--model models/current]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.normpath(os.path.join(ROOT, "..", "shared", "seeds"))
TICKS = os.sysconf("SC_CLK_TCK")
WORDS = 600


def make_article(words: int = WORDS) -> str:
    """Return whole paragraphs of the seed articles adding up to about ``words`` words."""
    paragraphs = []
    for name in sorted(os.listdir(SEEDS)):
        with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
            for paragraph in handle.read().split("\n\n"):
                if sum(len(p.split()) for p in paragraphs) >= words:
                    return "\n\n".join(paragraphs)
                if len(paragraph.split()) > 20:
                    paragraphs.append(paragraph.strip())
    return "\n\n".join(paragraphs)


def in_process(model_dir: str, article: str, seconds: float) -> dict:
    """Score ``article`` in a loop in this process; return the wall time of each call and the CPU seconds used."""
    import stance
    model, _ = stance.load_model(model_dir)
    for _ in range(20):
        stance.score_article(model, article, explain_top=0)
    times, cpu_start, end = [], time.process_time(), time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        stance.score_article(model, article, explain_top=0)
        times.append(time.perf_counter() - started)
    return {"times": times, "cpu": time.process_time() - cpu_start}


def pool(runs) -> dict:
    """Combine in-process runs taken before and after the load, so drift in the machine's speed averages out."""
    times = sorted(t for r in runs for t in r["times"])
    return {"calls": len(times), "cpu_ms": 1000 * sum(r["cpu"] for r in runs) / len(times),
            "p50": 1000 * times[len(times) // 2], "p99": 1000 * times[int(len(times) * 0.99)],
            "each_cpu_ms": [1000 * r["cpu"] / len(r["times"]) for r in runs]}


def cpu_seconds(pids) -> float:
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def server_pids(master: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == master:
                        children.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                continue
    return [master, *children]


def start_server(model_dir: str, workers: int, log_path: str):
    env = {**os.environ, "STANCE_MODEL_DIR": model_dir, "STANCE_HOST": "127.0.0.1", "STANCE_PORT": "0",
           "STANCE_WORKERS": str(workers)}
    log = open(log_path, "w+b")
    process = subprocess.Popen([sys.executable, "-m", "service.server"], cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        text = log.read().decode(errors="replace")
        match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", text)
        if process.poll() is not None:
            sys.exit(f"bench-http: the server exited:\n{text}")
        if match and text.count("Booting worker") >= workers:
            port = int(match.group(1))
            if _get(port, "/readyz") == 200:
                return process, port
        time.sleep(0.1)
    process.kill()
    sys.exit("bench-http: the server did not become ready in 60 s; run `make model` first")


def _get(port: int, path: str) -> int | None:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status
    except (urllib.error.URLError, OSError):
        return None


def run_wrk(port, path, body_file, seconds, connections) -> dict:
    script = None
    args = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    if body_file:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain"\n'
                     f'local f = io.open("{body_file}", "rb")\nwrk.body = f:read("*a")\nf:close()\n')
        script.close()
        args += ["-s", script.name]
    output = subprocess.run(args + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                            timeout=seconds + 30).stdout
    if script:
        os.unlink(script.name)
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def percentile(p):
        match = re.search(rf"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * unit[match.group(2)]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {"requests": requests, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": percentile(50), "p99": percentile(99), "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


async def _client(port, request, deadline, latencies, errors):
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            data = await reader.read()
            writer.close()
        except OSError:
            errors.append(1)
            continue
        latencies.append(time.perf_counter() - started)
        if not data.startswith(b"HTTP/1.1 200"):
            errors.append(1)


def run_python(port, path, body_file, seconds, connections) -> dict:
    body = open(body_file, "rb").read() if body_file else b""
    method = "POST" if body_file else "GET"
    request = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    latencies, errors = [], []
    started = time.monotonic()

    async def main():
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_client(port, request, deadline, latencies, errors) for _ in range(connections)))

    asyncio.run(main())
    elapsed = time.monotonic() - started
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": 1000 * statistics.median(latencies),
            "p99": 1000 * latencies[int(len(latencies) * 0.99)], "errors": len(errors), "socket_errors": ""}


def measure(run, port, pids, path, body_file, seconds, connections) -> dict:
    before = cpu_seconds(pids)
    result = run(port, path, body_file, seconds, connections)
    result["cpu_ms"] = 1000 * (cpu_seconds(pids) - before) / max(result["requests"], 1)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench_http", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=12, help="load per endpoint (default 12; at most 14)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default=os.environ.get("STANCE_MODEL_DIR", os.path.join(ROOT, "models", "current")))
    parser.add_argument("--python", action="store_true", help="use the Python load generator even if wrk exists")
    args = parser.parse_args(argv)
    seconds = min(args.seconds, 14)
    article = make_article()
    run = run_wrk if shutil.which("wrk") and not args.python else run_python
    with tempfile.TemporaryDirectory() as scratch:
        body_file = os.path.join(scratch, "article.txt")
        with open(body_file, "w", encoding="utf-8") as handle:
            handle.write(article)
        before = in_process(args.model, article, 3)
        process, port = start_server(args.model, args.workers, os.path.join(scratch, "server.log"))
        try:
            pids = server_pids(process.pid)
            measure(run, port, pids, "/v1/score", body_file, 2, args.connections)  # warm up
            trivial = measure(run, port, pids, "/livez", None, seconds - 4, args.connections)
            scored = measure(run, port, pids, "/v1/score", body_file, seconds, args.connections)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        local = pool([before, in_process(args.model, article, 3)])
    generator = "wrk" if run is run_wrk else "python asyncio"
    print(f"bench-http: {len(article.split())}-word article, {args.connections} connections, {args.workers} sync "
          f"workers, {os.cpu_count()} cores, load by {generator}")
    print(f"{'':28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'errors':>8}")
    for name, r in [("POST /v1/score", scored), ("GET /livez (framework)", trivial)]:
        print(f"{name:28}{r['rps']:9.0f}{r['p50']:9.2f}{r['p99']:9.2f}{r['cpu_ms']:12.2f}{r['errors']:8d}"
              + (f"  socket errors: {r['socket_errors']}" if r["socket_errors"] else ""))
    print(f"{'in-process score_article':28}{1000 / local['p50']:9.0f}{local['p50']:9.2f}{local['p99']:9.2f}"
          f"{local['cpu_ms']:12.2f}{'':>8}  (one core, no HTTP; before / after the load: "
          + " / ".join(f"{c:.2f}" for c in local["each_cpu_ms"]) + " ms)")
    ratio = scored["cpu_ms"] / local["cpu_ms"]
    print(f"server CPU per scored request / in-process cost: {ratio:.2f}x (target <= 1.3x); "
          f"p99 {scored['p99']:.1f} ms (target < 50 ms on 2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
