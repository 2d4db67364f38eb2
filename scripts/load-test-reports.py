#!/usr/bin/env python3
"""Log in to a running `koers demo` as the demo expert and list the PDF reports linked from the
pages of the trajectories on their home page (every kind: plan van aanpak, voortgang for the
bestuur and the Inspectie, eindrapportage). Used by `MODE=reports scripts/load-test`; prints for
the shell:

    COOKIE=<the session cookie, name=value>
    PDF=/trajecten/N/rapporten/voortgang-bestuur.pdf     (one line per report)

Bounded: only the given base URL (loopback) is contacted, one request at a time.
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
EMAIL = sys.argv[2] if len(sys.argv) > 2 else "expert@demo.koers.nl"
PASSWORD = "koers-demo-2026"

jar = http.cookiejar.CookieJar()
o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
o.addheaders = [("Origin", BASE), ("Sec-Fetch-Site", "same-origin")]
data = urllib.parse.urlencode([("email", EMAIL), ("wachtwoord", PASSWORD)]).encode()
with o.open(urllib.request.Request(BASE + "/inloggen", data=data, method="POST"), timeout=30) as r:
    r.read()
with o.open(BASE + "/home", timeout=30) as r:
    home = r.read().decode("utf-8")
pdfs = set()
for t in sorted(set(re.findall(r'href="/trajecten/(\d+)', home)), key=int):
    with o.open(BASE + "/trajecten/" + t, timeout=30) as r:
        page = r.read().decode("utf-8")
    pdfs.update(re.findall(r'href="(/trajecten/\d+/rapporten/[a-z0-9-]+\.pdf)"', page))
pdfs = sorted(pdfs)
if not pdfs:
    sys.exit("load-test-reports: the trajectories of %s link to no PDF report" % EMAIL)
cookie = "; ".join("%s=%s" % (c.name, c.value) for c in jar)
print("COOKIE=" + cookie)
for p in pdfs:
    print("PDF=" + p)
