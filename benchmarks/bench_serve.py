"""`lint serve` under load and faults (issue 22). Not a test: it prints figures.

    python benchmarks/bench_serve.py                 # 60 s of paragraphs, then uploads: about 2 minutes
    python benchmarks/bench_serve.py --seconds 10    # a first look

It starts `lint serve` on 127.0.0.1 (a free port, its own empty working and temp folders) and runs:

1. **paragraphs**: 20 clients, each on its own kept-alive connection, posting paragraphs of the
   seed letter (and a few with findings) to /v2/check as LibreOffice does, for ``--seconds``;
2. **uploads**: 10 clients posting the seed letter (.docx) to the page, as the form does (the
   report and both copies), for ``--seconds / 3``;

while a hostile client sends, one after another: the hostile fixtures and Apache POI's crash and
fuzzing files from ../shared/corpus/public, a real zip bomb (1 GB inflated), a 200 MB body (with
its length, and chunked without one), and an upload that trickles in slower than the time limit.

It prints each phase's median and 95th percentile latency, requests a second, errors (any answer
that is not the one expected, or none), the hostile answers, the server's memory (its process and
its workers) at the start and the end, and the workers alive and replaced at the end. The
baseline, in the same run: the same paragraph and the same letter checked in this process,
without HTTP (:mod:`linter.serve.work` directly). The goals of the issue are printed beside.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SEED_DOCX = ROOT / "fixtures" / "kamerbrief-diaspora.docx"
SEED_TXT = ROOT / "fixtures" / "kamerbrief-diaspora.txt"
POI = ROOT.parent / "shared" / "corpus" / "public" / "poi"
HOSTILE_POI = re.compile(r"crash|clusterfuzz|truncated|password|Entity|Bug5|MultipleBody", re.I)
BOUNDARY = "kamerlint-bench-boundary"


def paragraphs() -> list[str]:
    """The seed letter's paragraphs as an editor hands them over (Tika's note markers as U+200B),
    and a few with findings."""
    text = SEED_TXT.read_text(encoding="utf-8")
    text = re.sub(r"\[footnoteRef:\d+\]", "\u200b", text)
    text = re.sub(r" \[\d+: .*?\] ", " ", text)
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    out = [p.strip() for p in text.split("\n") if len(p.strip()) > 20]
    out += [
        "Zoals gemeld in Kamerstuk 36180, nr. 168 en in de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga.",
        "Op dinsdag 26 maart 2025 is besloten, zie Stb 2011/35 en TZ202513-001.",
        "Kosten & baten: 3 + 4 = 7, 5% meer; zie Kamerstuk 33625, nr. 287.",
    ]
    return out


def multipart(files: list[tuple[str, bytes]], fields: dict | None = None) -> bytes:
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in (fields or {}).items()]
    for name, data in files:
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (the workers), in MiB."""
    total = 0
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        pids.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.errors: list[str] = []

    def add(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            if error:
                self.errors.append(error)
            else:
                self.times.append(seconds)

    def figures(self, elapsed: float) -> dict:
        t = sorted(self.times)
        return {
            "requests": len(t) + len(self.errors),
            "median_ms": statistics.median(t) * 1000 if t else float("nan"),
            "p95_ms": t[int(0.95 * (len(t) - 1))] * 1000 if t else float("nan"),
            "per_second": len(t) / elapsed if elapsed else 0.0,
            "errors": len(self.errors),
            "first_errors": self.errors[:5],
        }


def paragraph_client(host: str, port: int, texts: list[str], start: int, deadline: float, rec: Recorder) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = start
    while time.monotonic() < deadline:
        body = urlencode({"text": texts[i % len(texts)], "language": "nl-NL"})
        i += 7
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/v2/check", body, {"Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            ok = r.status == 200 and b'"matches"' in data
            rec.add(dt, None if ok else f"status {r.status}")
        except (OSError, http.client.HTTPException) as exc:
            rec.add(0, type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()


def upload_client(host: str, port: int, body: bytes, deadline: float, rec: Recorder) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/", body, {"Content-Type": MULTIPART})
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            ok = r.status == 200 and b"gecorrigeerd.docx" in data and b'class="card' in data
            rec.add(dt, None if ok else f"status {r.status}")
        except (OSError, http.client.HTTPException) as exc:
            rec.add(0, type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=120)
    conn.close()


def raw_request(host: str, port: int, head: bytes, send_body, timeout: float) -> tuple[int, float]:
    """Send a request by hand (for bodies http.client cannot send: huge, chunked, slow); the status
    of the answer (0: none) and how long it took."""
    t0 = time.perf_counter()
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(head)
        try:
            send_body(s)
        except OSError:
            pass  # the server answered and closed before the body was all sent: read its answer
        s.settimeout(timeout)
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
    m = re.match(rb"HTTP/1\.1 (\d{3})", data)
    return (int(m.group(1)) if m else 0), time.perf_counter() - t0


def hostile_client(host: str, port: int, timeout: float, results: list, stop: threading.Event) -> None:
    """The hostile uploads, one after another, each with the answer it should get."""
    import make_hostile

    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "fixtures" / "hostile").iterdir()) if p.suffix != ".md"]
    if POI.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(POI.iterdir()) if HOSTILE_POI.search(p.name)]
    files.append(("zip-bomb-1gb.docx", make_hostile.real_zip_bomb()))

    def api(name: str, data: bytes) -> None:
        body = multipart([(name, data)])
        conn = http.client.HTTPConnection(host, port, timeout=120)
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/lint", body, {"Content-Type": MULTIPART})
            r = conn.getresponse()
            found = json.loads(r.read()) if r.status == 200 else []
            codes = sorted({f["code"] for f in found if f["code"].startswith("IO")})
            results.append((name, r.status, time.perf_counter() - t0, ",".join(codes) or "lints"))
        except (OSError, http.client.HTTPException, ValueError) as exc:
            results.append((name, 0, time.perf_counter() - t0, type(exc).__name__))
        finally:
            conn.close()

    for name, data in files:
        if stop.is_set():
            return
        api(name, data)

    big = 200 * 1024 * 1024
    zeros = b"\0" * (1024 * 1024)

    def send_all(s, total=big):
        sent = 0
        while sent < total:
            s.sendall(zeros)
            sent += len(zeros)

    head = (f"POST / HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {MULTIPART}\r\nContent-Length: {big}\r\n\r\n").encode()
    status, took = raw_request(host, port, head, send_all, 60)
    results.append(("200 MB body with its length", status, took, "refused" if status == 413 else "?"))

    def send_chunked(s):
        preamble = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="groot.docx"\r\n\r\n'.encode()
        s.sendall(f"{len(preamble):x}\r\n".encode() + preamble + b"\r\n")
        for _ in range(200):
            s.sendall(f"{len(zeros):x}\r\n".encode() + zeros + b"\r\n")

    head = (f"POST / HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {MULTIPART}\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
    status, took = raw_request(host, port, head, send_chunked, 60)
    results.append(("200 MB body, chunked, no length", status, took, "refused" if status == 413 else "?"))

    def trickle(s):
        s.sendall(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="traag.txt"\r\n\r\n'.encode())
        end = time.monotonic() + timeout + 10
        while time.monotonic() < end and not stop.is_set():
            s.sendall(b"x")
            time.sleep(1)

    body_length = 10_000
    head = (f"POST / HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: {MULTIPART}\r\nContent-Length: {body_length}\r\n\r\n").encode()
    status, took = raw_request(host, port, head, trickle, timeout + 30)
    results.append(("slow upload (1 byte a second)", status, took, "cut off" if status == 408 else "?"))


def start_server(workdir: Path, tmpdir: Path, timeout: float, workers: int | None) -> tuple[subprocess.Popen, str, int]:
    env = {**os.environ, "TMPDIR": str(tmpdir), "KAMERLINT_LANG": "en", "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "linter.cli", "serve", "--port", "0", "--timeout", str(timeout)]
    if workers:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(args, cwd=workdir, env=env, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if "serving on " in line:
            url = line.split("serving on ", 1)[1].split()[0]
            host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
            threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
            return process, host, int(port)
    raise SystemExit("lint serve did not start")


def health(host: str, port: int) -> dict:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/health")
    data = json.loads(conn.getresponse().read())
    conn.close()
    return data


def baseline(texts: list[str], rounds: int = 200) -> tuple[float, float]:
    """The same work in this process, without HTTP: a paragraph (median ms), the seed letter's
    upload job (median ms)."""
    from linter.config import Resolver
    from linter.i18n import set_language
    from linter.serve import work

    config = Resolver(None, True).for_path(ROOT / "x")
    configured = work.configured_from(config)
    rules = work.ParagraphRules(configured)
    chosen = rules.choose([], [], False)
    set_language("nl")
    times = []
    for i in range(rounds):
        t0 = time.perf_counter()
        work.check_paragraph(texts[i % len(texts)], rules, chosen, "\u200b")
        times.append(time.perf_counter() - t0)
    job = work.UploadJob([("kamerbrief-diaspora.docx", SEED_DOCX.read_bytes())], configured.settings, configured.codes, [[]], "nl")
    work.lint_upload(job)
    uploads = []
    for _ in range(15):
        t0 = time.perf_counter()
        work.lint_upload(job)
        uploads.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, statistics.median(uploads) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60, help="how long the paragraph clients run (uploads: a third of it, at least 10 s)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--uploaders", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=15, help="the server's --timeout (the slow upload is cut off after it)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()

    texts = paragraphs()
    base_paragraph, base_upload = baseline(texts)
    upload_body = multipart([("kamerbrief-diaspora.docx", SEED_DOCX.read_bytes())], {"lang": "nl"})

    with tempfile.TemporaryDirectory() as work_dir, tempfile.TemporaryDirectory() as tmp_dir:
        process, host, port = start_server(Path(work_dir), Path(tmp_dir), args.timeout, args.workers)
        try:
            warm = Recorder()
            paragraph_client(host, port, texts, 0, time.monotonic() + 2, warm)
            upload_client(host, port, upload_body, time.monotonic() + 2, warm)
            rss_start = rss_mib(process.pid)

            hostile: list = []
            stop = threading.Event()
            attacker = threading.Thread(target=hostile_client, args=(host, port, args.timeout, hostile, stop))
            attacker.start()

            rec = Recorder()
            deadline = time.monotonic() + args.seconds
            t0 = time.monotonic()
            clients = [threading.Thread(target=paragraph_client, args=(host, port, texts, i, deadline, rec)) for i in range(args.clients)]
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            para = rec.figures(time.monotonic() - t0)

            rec = Recorder()
            upload_seconds = max(10.0, args.seconds / 3)
            deadline = time.monotonic() + upload_seconds
            t0 = time.monotonic()
            clients = [threading.Thread(target=upload_client, args=(host, port, upload_body, deadline, rec)) for _ in range(args.uploaders)]
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            up = rec.figures(time.monotonic() - t0)

            attacker.join(args.timeout + 120)
            stop.set()
            time.sleep(3)  # a worker replaced at the end has time to start
            rss_end = rss_mib(process.pid)
            state = health(host, port)
            left = sorted(os.listdir(tmp_dir)) + sorted(os.listdir(work_dir))
        finally:
            process.terminate()
            process.wait(30)

    print(f"lint serve on {host}, {state['size']} workers; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print()
    print("| phase | clients | requests | req/s | median ms | p95 ms | errors | goal | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    p_ok = para["median_ms"] <= 50 and para["p95_ms"] <= 150 and not para["errors"]
    u_ok = up["p95_ms"] <= 1000 and not up["errors"]
    print(f"| paragraphs (/v2/check), {args.seconds:.0f} s | {args.clients} | {para['requests']} | {para['per_second']:.0f} | {para['median_ms']:.1f} | {para['p95_ms']:.1f} | {para['errors']} | ≤ 50 median, ≤ 150 p95 | {'met' if p_ok else 'NOT met'} |")
    print(f"| seed letter uploads (POST /), {upload_seconds:.0f} s | {args.uploaders} | {up['requests']} | {up['per_second']:.1f} | {up['median_ms']:.0f} | {up['p95_ms']:.0f} | {up['errors']} | ≤ 1000 p95 | {'met' if u_ok else 'NOT met'} |")
    print(f"| baseline: a paragraph in process, no HTTP | 1 | 200 | | {base_paragraph:.2f} | | | (scale) | |")
    print(f"| baseline: the seed letter's upload job in process | 1 | 15 | | {base_upload:.0f} | | | (scale) | |")
    print()
    print(f"memory (server and workers, RSS): {rss_start:.0f} MiB at the start, {rss_end:.0f} MiB at the end")
    print(f"workers alive at the end: {state['workers']} of {state['size']}; replaced during the run: {state['replaced']}")
    print(f"files left in the server's working and temp folders: {len(left)}")
    print()
    print("| hostile request | status | seconds | answer |")
    print("|---|---:|---:|---|")
    for name, status, took, what in hostile:
        print(f"| {name} | {status} | {took:.2f} | {what} |")
    unanswered = [h for h in hostile if h[1] == 0]
    print()
    print(f"hostile requests: {len(hostile)}, unanswered: {len(unanswered)}")
    for failure in para["first_errors"] + up["first_errors"]:
        print("error:", failure)
    if args.json:
        print(json.dumps({"paragraphs": para, "uploads": up, "baseline_ms": [base_paragraph, base_upload], "rss_mib": [rss_start, rss_end],
                          "health": state, "hostile": hostile}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
