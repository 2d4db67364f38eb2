#!/usr/bin/env python3
"""kill -9 under acknowledged write load (driven by scripts/durability-test). Standard library
only.

One round: start `koers serve` on the database, let 4 writers submit applications (POST
/aanmelden as the demo beheerder, each answered 303 → /aanmeldingen/{id} is acknowledged), kill
the server with SIGKILL mid-load, start it again and check that every acknowledged application
is there, that each has its audit entry, and that the reference numbers of the year are gap-free
(KRS-YYYY-000001 … without holes). Prints one `RESULT {json}` line per round.
"""

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

FORM = {"content-type": "application/x-www-form-urlencoded"}


def request(port, method, path, body=None, headers=None, timeout=10):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def start(binary, url, port, log):
    p = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{port}", "--database-url", url, "--insecure-cookies"],
        stdout=log, stderr=log,
    )
    for _ in range(300):
        try:
            if request(port, "GET", "/health")[0] == 200:
                return p
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("durability: server did not start")


def session(port):
    body = urllib.parse.urlencode({"email": "beheerder@demo.koers.nl", "wachtwoord": "koers-demo-2026"})
    _, h, _ = request(port, "POST", "/inloggen", body, FORM)
    m = re.search(r"(koers_sessie=[^;]+)", h.get("set-cookie", ""))
    return m.group(1) if m else ""


def eligible_schools(port):
    ids = []
    for q in ["de", "het", "school", "basisschool", "st", "van", "ter", "an", "en", "ou"]:
        _, _, data = request(port, "GET", f"/api/v1/schools?q={q}&limit=100")
        for s in json.loads(data).get("schools", []):
            if s["sector"] == "po" and s["id"] not in ids:
                ids.append(s["id"])
    return ids


def query(url, sql):
    """Rows of `sql` on the database behind `url` (the server is running: reads only)."""
    if url.startswith("sqlite:"):
        import sqlite3
        path = url.split("://", 1)[-1] if "://" in url else url.split(":", 1)[1]
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute(sql).fetchall()
    out = subprocess.run(["psql", "-At", "-F", "\t", url, "-c", sql], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--log", required=True)
    a = p.parse_args()
    log = open(a.log, "ab")
    server = start(a.bin, a.url, a.port, log)
    candidates = eligible_schools(a.port)
    acked, lock, cursor = {}, threading.Lock(), [0]
    failed = False
    for rnd in range(1, a.rounds + 1):
        cookie = session(a.port)
        stop = threading.Event()

        def writer():
            while not stop.is_set():
                with lock:
                    # Each round gets its share of the schools (one application per school).
                    if cursor[0] >= len(candidates) * rnd // a.rounds:
                        return
                    school = candidates[cursor[0]]
                    cursor[0] += 1
                body = urllib.parse.urlencode({
                    "contact_name": "Duur Zaam", "contact_email": "duur@zaam.test", "contact_phone": "",
                    "help_question": f"Ronde {rnd}: blijft dit bewaard na kill -9?",
                })
                try:
                    s, h, _ = request(a.port, "POST", f"/aanmelden?school={school}&programma=gwgb-plus-school",
                                      body, {**FORM, "cookie": cookie})
                except OSError:
                    return
                m = re.match(r"/aanmeldingen/(\d+)$", h.get("location", ""))
                if s == 303 and m:
                    with lock:
                        acked[int(m.group(1))] = school

        threads = [threading.Thread(target=writer, daemon=True) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        server = start(a.bin, a.url, a.port, log)
        rows = query(a.url, "SELECT id, reference FROM applications")
        stored = {int(r[0]): r[1] for r in rows}
        audited = {int(r[0]) for r in query(a.url, "SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'application'")
                   if str(r[0]).isdigit()}
        missing = [i for i in sorted(acked) if i not in stored]
        no_audit = [i for i in sorted(acked) if i not in audited]
        refs = sorted(stored.values())
        gaps, by_year = [], {}
        for ref in refs:
            m = re.match(r"KRS-(\d{4})-(\d{6})$", ref)
            if m:
                by_year.setdefault(m.group(1), []).append(int(m.group(2)))
        for year, ns in by_year.items():
            if sorted(ns) != list(range(1, len(ns) + 1)):
                gaps.append(year)
        ok = not missing and not gaps and not no_audit and len(acked) > 0
        failed |= not ok
        print("RESULT " + json.dumps({
            "round": rnd, "ok": ok, "acknowledged_total": len(acked), "stored_total": len(stored), "missing": missing[:10],
            "without_audit": no_audit[:10], "references": len(refs), "reference_gaps_in_years": gaps,
        }), flush=True)
    server.send_signal(signal.SIGTERM)
    server.wait()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
