#!/usr/bin/env python3
"""Fill in the PO zelfevaluatie of the demo school on a running `koers demo`, as its school leader
(and the demo expert for klassenbezoeken and comments), through the same HTML forms a browser
posts. Used by `MODE=zelfevaluatie scripts/load-test`; prints two lines for the shell:

    FORM_PATH=/trajecten/N/formulieren/zelfevaluatie-po?sectie=S   (the largest section page)
    COOKIE=<the school leader's session cookie, name=value>

Bounded: only the given base URL (loopback) is contacted, one request at a time.
"""
import html.parser
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/")
PASSWORD = "koers-demo-2026"
TEXT = ("In de bovenbouw zien we dit terug in de lessen en de toetsresultaten; in de onderbouw is het nog "
        "wisselend. Het team bespreekt dit twee keer per jaar in de groepsbesprekingen.")


def opener():
    jar = http.cookiejar.CookieJar()
    o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    o.addheaders = [("Origin", BASE), ("Sec-Fetch-Site", "same-origin")]
    return o, jar


def get(o, path):
    with o.open(BASE + path, timeout=30) as r:
        return r.read().decode("utf-8")


def post(o, path, fields):
    data = urllib.parse.urlencode(fields).encode()
    with o.open(urllib.request.Request(BASE + path, data=data, method="POST"), timeout=30) as r:
        return r.read().decode("utf-8")


def log_in(email):
    o, jar = opener()
    post(o, "/inloggen", [("email", email), ("wachtwoord", PASSWORD)])
    return o, jar


class ItemForms(html.parser.HTMLParser):
    """Every item form (`form.se-item-form`) with its fields as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.forms, self.cur, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "se-item-form" in (a.get("class") or ""):
            self.cur = {"action": a["action"], "fields": [], "radios": {}, "disabled": False}
        elif self.cur is None:
            return
        elif tag == "fieldset" and "disabled" in a:
            self.cur["disabled"] = True
        elif tag == "input":
            name, kind = a.get("name"), a.get("type", "text")
            if not name:
                return
            if kind in ("radio", "checkbox"):
                if name in ("score", "optie"):
                    self.cur["radios"].setdefault(name, []).append(a.get("value", ""))
            elif name == "versie":
                self.cur["fields"].append((name, a.get("value", "0")))
            elif name.startswith("cel."):
                self.cur["fields"].append((name, "12"))
            elif name in ("link",) or name.startswith("vrij.") or name.startswith("notitie.") or name == "verbeterpunt-toelichting":
                pass
            else:
                self.cur["fields"].append((name, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a.get("name")

    def handle_endtag(self, tag):
        if tag == "textarea" and self.cur is not None and self.textarea:
            self.cur["fields"].append((self.textarea, TEXT))
            self.textarea = None
        elif tag == "form" and self.cur is not None:
            self.forms.append(self.cur)
            self.cur = None


def main():
    leader, jar = log_in("schoolleider@demo.koers.nl")
    home = get(leader, "/home")
    form_path = None
    for t in dict.fromkeys(re.findall(r'href="(/trajecten/\d+)"', home)):
        page = get(leader, t)
        m = re.search(r'href="(/trajecten/\d+/formulieren/zelfevaluatie-po)"', page)
        if m:
            form_path = m.group(1)
            break
    if not form_path:
        sys.exit("load-test-fill-form: the school leader's home links to no PO zelfevaluatie")
    # The form shows one section per page: every section's item forms, through its links.
    first = get(leader, form_path)
    sections = list(dict.fromkeys(re.findall(r'href="' + re.escape(form_path) + r'\?sectie=([a-z0-9-]+)"', first)))
    sections = [s for s in sections if s != "alle"]
    if not sections:
        sys.exit("load-test-fill-form: the form page links no sections")
    p = ItemForms()
    for s in sections:
        p.feed(get(leader, f"{form_path}?sectie={s}"))
    saved = 0
    for f in p.forms:
        if f["disabled"]:
            continue
        fields = list(f["fields"])
        if "score" in f["radios"]:
            fields.append(("score", "3"))
        if "optie" in f["radios"]:
            fields.append(("optie", f["radios"]["optie"][0]))
        if f["action"].endswith(("-rubric",)) and saved % 3 == 0:
            fields += [("verbeterpunt", "1"), ("verbeterpunt-toelichting", "Hier willen we aan werken.")]
        post(leader, f["action"], fields)
        saved += 1
    # The expert: four klassenbezoeken and a comment on every rubric.
    expert, _ = log_in("expert@demo.koers.nl")
    page = get(expert, form_path + "?sectie=alle")
    looks = re.findall(r'name="(score\.[a-z0-9-]+)"', page)
    visit_actions = sorted(set(re.findall(r'action="(/trajecten/\d+/formulieren/zelfevaluatie-po/items/[a-z0-9-]+/bezoeken)"', page)))
    for action in visit_actions:
        for n, group in enumerate(["groep 3", "groep 5", "groep 6", "groep 8"]):
            fields = [("datum", f"2026-11-1{n}"), ("groep", group), ("observant", "Esther Expert"), ("vak", "rekenen"),
                      ("sterk", "Duidelijke lesdoelen."), ("verbeter", "Meer controle op begrip.")]
            fields += [(name, str(2 + (i + n) % 3)) for i, name in enumerate(dict.fromkeys(looks))]
            post(expert, action, fields)
    comments = sorted(set(re.findall(r'action="(/trajecten/\d+/formulieren/zelfevaluatie-po/items/[a-z0-9-]+-rubric/opmerkingen)"', page)))
    for action in comments:
        post(expert, action, [("opmerking", "Waar zien jullie dat aan in de klassenbezoeken?")])
    # The page as the leader sees it now must be complete. The load test GETs the largest
    # section page as the form stands (the form shows one section per page).
    done = get(leader, form_path)
    m = re.search(r"(\d+)% \((\d+)/(\d+)\)", done)
    sizes = {s: len(get(leader, f"{form_path}?sectie={s}")) for s in sections}
    largest = max(sizes, key=sizes.get)
    whole = len(get(leader, form_path + "?sectie=alle"))
    cookie = next((f"{c.name}={c.value}" for c in jar), "")
    print(f"   filled {saved} items, {len(visit_actions) * 4} klassenbezoeken, {len(comments)} comments; "
          f"progress {m.group(0) if m else '?'}; {len(sections)} sections, the largest '{largest}' "
          f"{sizes[largest]} B, the first {len(done)} B, the whole form {whole} B", file=sys.stderr)
    print(f"FORM_PATH={form_path}?sectie={largest}")
    print(f"COOKIE={cookie}")


if __name__ == "__main__":
    main()
