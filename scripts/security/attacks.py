#!/usr/bin/env python3
# Just over ~400 lines on purpose: one function per phase, each with its own bound, read top to
# bottom with the helpers they share; splitting would scatter one attack's setup and check.
"""The attacks of issue 11 against a running `koers serve` on loopback (driven by
scripts/security-test). Standard library only. Each phase prints one `RESULT {json}` line with
its figures and fails (exit 1 at the end) when a bound is broken.

Phases: headers, race, flood, bombs, csv, slowloris. Memory is the server's VmRSS sampled every
100 ms from /proc/PID/status. Attack traffic comes from other loopback addresses (127.0.0.2…)
than the "real user" (127.0.0.1), as an attacker's would.
"""

import argparse
import csv
import http.client
import io
import json
import os
import random
import re
import socket
import statistics
import sys
import threading
import time
import urllib.parse

FAILURES = []


def result(phase, ok, **figures):
    print("RESULT " + json.dumps({"phase": phase, "ok": ok, **figures}), flush=True)
    if not ok:
        FAILURES.append(phase)


class Conn:
    """A keep-alive HTTP/1.1 connection from a chosen loopback source address."""

    def __init__(self, port, source="127.0.0.1", timeout=30):
        self.port, self.source, self.timeout = port, source, timeout
        self.c = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            if self.c is None:
                self.c = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout, source_address=(self.source, 0)
                )
            try:
                self.c.request(method, path, body=body, headers=headers or {})
                r = self.c.getresponse()
                data = r.read()
                if r.getheader("connection", "").lower() == "close":
                    self.close()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, data
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def close(self):
        if self.c is not None:
            self.c.close()
            self.c = None


FORM = {"content-type": "application/x-www-form-urlencoded"}


def login(port, email, password, source="127.0.0.1"):
    """(status, session cookie or None, headers, body)."""
    c = Conn(port, source)
    body = urllib.parse.urlencode({"email": email, "wachtwoord": password})
    status, headers, data = c.request("POST", "/inloggen", body, FORM)
    c.close()
    m = re.search(r"(koers_sessie=[^;]+)", headers.get("set-cookie", ""))
    return status, (m.group(1) if m else None), headers, data


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    def __init__(self, pid):
        self.pid, self.samples, self.stop = pid, [], threading.Event()
        self.t = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            try:
                self.samples.append(rss_mb(self.pid))
            except OSError:
                pass
            time.sleep(0.1)

    def __enter__(self):
        self.t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.t.join()

    @property
    def peak(self):
        return max(self.samples, default=0.0)


def phase_headers(a):
    status, cookie, _, _ = login(a.port, a.admin, a.password)
    c = Conn(a.port)
    _, h_public, _ = c.request("GET", "/")
    _, h_home, _ = c.request("GET", "/home", headers={"cookie": cookie or ""})
    ok = (
        status == 303
        and "max-age" in h_public.get("strict-transport-security", "")
        and h_home.get("cache-control") == "no-store"
        # Public pages are cached by the browser and revalidated (ETag, `no-cache`, issue 12):
        # never `no-store`, which is for private pages only.
        and "no-store" not in h_public.get("cache-control", "")
    )
    result("headers", ok, login_status=status, public_cache_control=h_public.get("cache-control"), hsts=h_public.get("strict-transport-security"), home_cache_control=h_home.get("cache-control"))


def phase_race(a):
    """100 parallel wrong passwords for one account, from 100 addresses."""
    statuses, lock = [], threading.Lock()

    def one(i):
        s, _, _, body = login(a.port, a.victim, f"fout-{i}", source=f"127.0.1.{i + 1}")
        with lock:
            statuses.append((s, "Te veel mislukte pogingen" in body.decode("utf-8", "replace")))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = sum(1 for s, _ in statuses if s == 422)
    throttled = sum(1 for s, t in statuses if s == 429 and t)
    limited = sum(1 for s, t in statuses if s == 429 and not t)
    ok = checked <= 5 and throttled >= 1 and checked + throttled + limited == 100
    result("throttle_race", ok, wrong_password_422=checked, account_throttled_429=throttled, rate_limited_429=limited)


def flood(a, secs, conns, sources, valid):
    """`conns` connections posting logins for `secs` seconds; returns (requests, statuses)."""
    stop = time.time() + secs
    counts, lock = {}, threading.Lock()

    def worker(i):
        c = Conn(a.port, sources[i % len(sources)], timeout=10)
        rnd = random.Random(i)
        while time.time() < stop:
            if valid:
                body = urllib.parse.urlencode({"email": a.admin, "wachtwoord": a.password})
            else:
                body = urllib.parse.urlencode(
                    {"email": f"x{rnd.randrange(10**9)}@aanval.test", "wachtwoord": "fout-wachtwoord-123"}
                )
            try:
                s, _, _ = c.request("POST", "/inloggen", body, FORM)
            except OSError:
                s = 0
            with lock:
                counts[s] = counts.get(s, 0) + 1
        c.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(conns)]
    for t in threads:
        t.start()
    return threads, counts


def real_user(a, until, times):
    while time.time() < until:
        t0 = time.time()
        s, cookie = 0, None
        while time.time() - t0 < 10:
            s, cookie, headers, _ = login(a.port, a.user, a.password)
            if s == 303 and cookie:
                break
            time.sleep(float(headers.get("retry-after", "1")))
        times.append((time.time() - t0, s))
        time.sleep(2)


def phase_flood(a):
    base = rss_mb(a.pid)
    # 1. random e-mails, 60 connections from one attacker address; a real user from another.
    with RssSampler(a.pid) as rss:
        threads, counts = flood(a, a.flood_secs, 60, ["127.0.0.2"], valid=False)
        times = []
        real_user(a, time.time() + a.flood_secs - 1, times)
        for t in threads:
            t.join()
    time.sleep(2)
    idle = rss_mb(a.pid)
    worst = max((t for t, _ in times), default=99)
    ok = rss.peak < 150 and all(s == 303 for _, s in times) and worst < 2.0
    result(
        "login_flood",
        ok,
        seconds=a.flood_secs,
        connections=60,
        requests=sum(counts.values()),
        statuses=counts,
        rss_mb_before=round(base, 1),
        rss_mb_peak=round(rss.peak, 1),
        rss_mb_after=round(idle, 1),
        real_user_logins=len(times),
        real_user_worst_s=round(worst, 3),
        real_user_median_s=round(statistics.median([t for t, _ in times]), 3) if times else None,
    )
    # 2. valid logins from 20 addresses at once (every hash slot busy, the global limit in play).
    secs = max(5, a.flood_secs // 3)
    with RssSampler(a.pid) as rss:
        threads, counts = flood(a, secs, 20, [f"127.0.2.{i + 1}" for i in range(20)], valid=True)
        for t in threads:
            t.join()
    time.sleep(2)
    ok = rss.peak < 150
    result(
        "valid_login_flood",
        ok,
        seconds=secs,
        connections=20,
        requests=sum(counts.values()),
        statuses=counts,
        rss_mb_peak=round(rss.peak, 1),
        rss_mb_after=round(rss_mb(a.pid), 1),
    )


def multipart(name, data):
    boundary = "koers-security-test"
    head = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{name}\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return f"multipart/form-data; boundary={boundary}", head + data + f"\r\n--{boundary}--\r\n".encode()


def phase_bombs(a):
    _, cookie, _, _ = login(a.port, a.admin, a.password)
    files = sorted(os.listdir(a.bombs))
    latencies, stop = [], threading.Event()

    # The probe stands for another visitor during the attack: its page is warm first (a cold
    # first render is not what the bombs cost others), and the bombs go round three times, so
    # the attack lasts long enough for a p99 over more than a handful of probe requests.
    c0 = Conn(a.port, "127.0.0.5")
    c0.request("GET", "/scholen?q=de")

    def probe():
        c = c0
        while not stop.is_set():
            t0 = time.time()
            try:
                c.request("GET", "/scholen?q=de")
            except OSError:
                pass
            latencies.append(time.time() - t0)
            time.sleep(0.02)

    outcomes = {}
    with RssSampler(a.pid) as rss:
        t = threading.Thread(target=probe, daemon=True)
        t.start()
        statuses, messages = [], []
        for _round in range(3):
            for name in files:
                with open(os.path.join(a.bombs, name), "rb") as f:
                    data = f.read()
                ct, body = multipart(name, data)
                c = Conn(a.port, timeout=120)
                t0 = time.time()
                s, _, page = c.request("POST", "/beheer/import", body, {"content-type": ct, "cookie": cookie or ""})
                c.close()
                statuses.append((s, len(page) // 1024))
                text = page.decode("utf-8", "replace")
                m = re.search(r'<div class="[^"]*\berror-summary\b[^"]*".*?<p>(.*?)</p>', text, re.S)
                messages.append(s != 422 or m is not None)
                outcomes[name] = {
                    "bytes": len(data),
                    "status": s,
                    "seconds": round(time.time() - t0, 2),
                    "page_kb": len(page) // 1024,
                    "message": (m.group(1).strip()[:160] if m else None),
                }
        stop.set()
        t.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 99
    ok = rss.peak < 300 and p99 < 0.1 and all(st in (200, 413, 422) for st, _ in statuses)
    ok = ok and all(kb < 1024 for _, kb in statuses) and all(messages)
    result("upload_bombs", ok, rss_mb_peak=round(rss.peak, 1), other_requests=len(latencies),
           other_p99_ms=round(p99 * 1000, 1), files=outcomes)


DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def phase_csv(a):
    """Plant formulas in an application, then read every CSV export: no cell may start with a
    character a spreadsheet reads as a formula."""
    _, cookie, _, _ = login(a.port, a.admin, a.password)
    c = Conn(a.port)
    hdr = {"cookie": cookie or ""}
    planted = None
    _, _, data = c.request("GET", "/api/v1/schools?q=de&limit=50")
    for school in json.loads(data or b"{}").get("schools", [])[:50]:
        body = urllib.parse.urlencode({
            "contact_name": '=HYPERLINK("http://aanval.test","klik")',
            "contact_email": "contact@aanval.test",
            "contact_phone": "+31 6 1234",
            "help_question": "=1+1",
        })
        s, _, _ = c.request("POST", f"/aanmelden?school={school['id']}&programma=gwgb-plus-school", body, {**FORM, **hdr})
        if s == 303:
            planted = school["id"]
            break
    bad, exports = [], {}
    _, _, page = c.request("GET", "/programma/dashboard", headers=hdr)
    urls = sorted(set(re.findall(r'href="(/programma/export/[^"]+\.csv)"', page.decode("utf-8", "replace"))))
    for url in urls or ["/programma/export/aanmeldingen.csv", "/programma/export/trajecten.csv"]:
        s, _, body = c.request("GET", url, headers=hdr)
        text = body.decode("utf-8-sig", "replace")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        exports[url] = {"status": s, "rows": len(rows)}
        for row in rows:
            for cell in row:
                if cell.startswith(DANGEROUS):
                    bad.append((url, cell[:40]))
    ok = planted is not None and not bad and all(e["status"] == 200 for e in exports.values())
    result("csv_formula_injection", ok, planted_in_school=planted, exports=exports, dangerous_cells=bad[:10])


def phase_slowloris(a):
    """1,100 half-open connections from one address; /health from another must answer."""
    socks, refused = [], 0
    for i in range(a.slow_conns):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind(("127.0.0.3", 0))
            s.connect(("127.0.0.1", a.port))
            s.send(b"GET / HTTP/1.1\r\nHost: koers\r\n")
            socks.append(s)
        except OSError:
            refused += 1
            s.close()
    time.sleep(0.5)
    t0 = time.time()
    try:
        c = Conn(a.port, "127.0.0.1", timeout=10)
        status, _, body = c.request("GET", "/health")
        c.close()
    except OSError:
        status, body = 0, b""
    health_s = time.time() - t0
    fds = len(os.listdir(f"/proc/{a.pid}/fd"))
    open_after = 0
    for s in socks:
        try:
            s.settimeout(0.01)
            if s.recv(1) != b"":
                open_after += 1
        except socket.timeout:
            open_after += 1
        except OSError:
            pass
        s.close()
    ok = status == 200 and body.startswith(b"ok") and health_s < 2.0
    result("slow_clients", ok, half_open=a.slow_conns, refused_at_connect=refused, held_by_server=open_after,
           server_fds=fds, health_status=status, health_s=round(health_s, 3))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--admin", default="beheerder@demo.koers.nl")
    p.add_argument("--user", default="schoolleider@demo.koers.nl")
    p.add_argument("--victim", default="programma@demo.koers.nl")
    p.add_argument("--password", default="koers-demo-2026")
    p.add_argument("--bombs")
    p.add_argument("--flood-secs", type=int, default=60)
    p.add_argument("--slow-conns", type=int, default=1100)
    p.add_argument("phases", nargs="+")
    a = p.parse_args()
    for phase in a.phases:
        {"headers": phase_headers, "race": phase_race, "flood": phase_flood, "bombs": phase_bombs,
         "csv": phase_csv, "slowloris": phase_slowloris}[phase](a)
    if FAILURES:
        print("FAILED: " + ", ".join(FAILURES), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
