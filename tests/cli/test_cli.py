"""End-to-end tests of the `vigil` command (cli/).

Run: VIGIL_BIN=build/vigil python3 -m pytest -q tests/cli
(VIGIL_BIN defaults to build/vigil under the repository root.) Every run
sets VIGIL_HASH_KEY, so identities are reproducible.
"""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIGIL = os.environ.get("VIGIL_BIN", os.path.join(ROOT, "build", "vigil"))
DEMO_POLICY = os.path.join(ROOT, "examples", "policies", "demo.json")
DEMO_TRAFFIC = os.path.join(ROOT, "examples", "traffic", "demo.jsonl")
SAMPLE_HAR = os.path.join(ROOT, "examples", "traffic", "sample.har")
GENERATOR = os.path.join(ROOT, "examples", "traffic", "generate.py")
KEY = "00112233445566778899aabbccddeeff"
ACTIONS = {"allow", "flag", "throttle", "block"}
T0 = 1795424400  # 2026-11-23T09:00:00Z


def run(*args, stdin=None, key=KEY, env_extra=None):
    env = dict(os.environ)
    env.pop("VIGIL_HASH_KEY", None)
    if key is not None:
        env["VIGIL_HASH_KEY"] = key
    env.update(env_extra or {})
    p = subprocess.run([VIGIL, *args], input=stdin, capture_output=True,
                       text=True, env=env, timeout=120)
    return p


def decisions(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def ex(method="GET", path="/api/v1/products/1", ts=T0, **kw):
    d = {"ts": ts, "client_ip": kw.pop("client_ip", "192.0.2.10"),
         "method": method, "path": path}
    d.update(kw)
    return json.dumps(d)


def key_headers(k="demo_live_test_key_1"):
    return {"X-API-Key": k, "Accept": "application/json", "Host": "api.example.com"}


# ------------------------------------------------------------------ basics

def test_binary_exists():
    assert os.access(VIGIL, os.X_OK), "build the CLI first (make): %s" % VIGIL


def test_version_and_help():
    p = run("version")
    assert p.returncode == 0
    assert p.stdout.startswith("vigil 0.")
    p = run("--help")
    assert p.returncode == 0 and "replay" in p.stdout and "check" in p.stdout
    p = run("no-such-command")
    assert p.returncode == 2 and "unknown command" in p.stderr


# ------------------------------------------------------------------- check

def test_check_demo_policy_ok():
    p = run("check", DEMO_POLICY)
    assert p.returncode == 0, p.stderr
    assert p.stderr.strip() == DEMO_POLICY + ": ok"


def test_check_default_policy_ok():
    p = run("check")
    assert p.returncode == 0, p.stderr
    assert p.stderr.strip().endswith(": ok")


def test_check_stdin():
    with open(DEMO_POLICY) as f:
        p = run("check", "-", stdin=f.read())
    assert p.returncode == 0, p.stderr
    assert p.stderr.startswith("<stdin>: ok")


def test_check_json_syntax_error_has_line_and_column(tmp_path):
    path = write(tmp_path, "bad.json", '{\n  "vigil_policy": 1,\n  "mode": "enforce"\n  "fail": "open"\n}\n')
    p = run("check", path)
    assert p.returncode == 1
    line = p.stderr.strip().splitlines()[0]
    # gcc style: FILE:LINE:COL: error ...; the mistake is on line 3 or 4.
    assert line.startswith(path + ":"), line
    parts = line[len(path) + 1:].split(":")
    assert parts[0] in ("3", "4"), line
    assert parts[1].isdigit() and int(parts[1]) >= 1, line
    assert "error" in line


def test_check_semantic_error_names_path(tmp_path):
    text = ('{\n  "vigil_policy": 1,\n  "thresholds": {"flag": 30, "block": "high"}\n}\n')
    path = write(tmp_path, "bad.json", text)
    p = run("check", path)
    assert p.returncode == 1
    line = p.stderr.strip().splitlines()[0]
    assert line.startswith(path + ":3:"), line
    assert "error at thresholds.block:" in line, line


def test_check_missing_file(tmp_path):
    p = run("check", str(tmp_path / "nope.json"))
    assert p.returncode == 1
    assert "nope.json" in p.stderr and "cannot read" in p.stderr


# ------------------------------------------------------------------ replay

def tiny(tmp_path):
    lines = [
        ex(path="/api/v1/products/1", headers=key_headers(),
           response={"status": 200, "body": "{}", "latency_ms": 3}),
        ex(path="/api/v1/search", query="q=lamp", ts="2026-11-23T09:00:01.250Z",
           headers=[["X-API-Key", "demo_live_test_key_1"]]),
        "",
        "{this is not json",
        ex(method="POST", path="/api/v1/orders", ts=T0 + 2,
           headers=key_headers() | {"Content-Type": "application/json"},
           body='{"sku":"ABC-123","qty":2}',
           response={"status": 201, "body": '{"id":1}', "bytes": 8}),
        json.dumps({"method": 7, "path": "/"}),
        ex(path="/api/v1/users/42?fields=name", ts=T0 + 3, headers=key_headers(),
           body_b64="aGVsbG8="),
    ]
    return write(tmp_path, "tiny.jsonl", "\n".join(lines) + "\n")


def test_replay_tiny_order_fields_and_malformed(tmp_path):
    path = tiny(tmp_path)
    p = run("replay", "--policy", DEMO_POLICY, path)
    assert p.returncode == 0, p.stderr
    ds = decisions(p.stdout)
    # Records are the non-blank lines; the two malformed ones (records 2
    # and 4) are reported and leave gaps in seq.
    assert [d["seq"] for d in ds] == [0, 1, 3, 5]
    for d in ds:
        assert d["action"] in ACTIONS
        assert isinstance(d["status"], int)
        assert 0 <= d["score"] <= 100
        assert isinstance(d["identity"], str) and d["identity"]
        assert isinstance(d["reasons"], list)
        for r in d["reasons"]:
            assert {"id", "category", "where", "detail"} <= set(r)
        assert "mode" not in d
        assert "demo_live_test_key_1" not in json.dumps(d)
    assert ds[0]["identity"] == ds[1]["identity"] == ds[3]["identity"]
    assert ":4: " in p.stderr and ":6: " in p.stderr
    assert "2 malformed records skipped" in p.stderr
    assert "4 exchanges" in p.stderr


def test_replay_is_deterministic_with_hash_key(tmp_path):
    path = tiny(tmp_path)
    a = decisions(run("replay", "--policy", DEMO_POLICY, path).stdout)
    b = decisions(run("replay", "--policy", DEMO_POLICY, path).stdout)
    c = decisions(run("replay", "--policy", DEMO_POLICY, path,
                      key="ff" * 32).stdout)
    strip = lambda ds: [{k: v for k, v in d.items() if k != "request_id"} for d in ds]
    assert strip(a) == strip(b)
    assert [d["identity"] for d in a] != [d["identity"] for d in c]


def test_replay_bad_hash_key_is_rejected_and_not_echoed(tmp_path):
    path = tiny(tmp_path)
    p = run("replay", path, key="zz-not-hex-zz-secret-value-0123456789")
    assert p.returncode == 2
    assert "VIGIL_HASH_KEY" in p.stderr and "secret-value" not in p.stderr


def test_replay_stdin_and_quiet(tmp_path):
    with open(tiny(tmp_path)) as f:
        text = f.read()
    p = run("replay", "--policy", DEMO_POLICY, "-", stdin=text)
    assert p.returncode == 0 and len(decisions(p.stdout)) == 4
    p = run("replay", "--quiet", "--policy", DEMO_POLICY, "-", stdin=text)
    assert p.returncode == 0 and p.stdout == ""
    assert "exchanges/s" in p.stderr and "actions:" in p.stderr


def test_replay_monitor_mode(tmp_path):
    pol = json.load(open(DEMO_POLICY))
    pol["mode"] = "monitor"
    mpath = write(tmp_path, "monitor.json", json.dumps(pol))
    lines = [ex(client_ip="198.51.100.7"), ex(ts=T0 + 1)]
    path = write(tmp_path, "m.jsonl", "\n".join(lines) + "\n")
    ds = decisions(run("replay", "--policy", mpath, path).stdout)
    assert len(ds) == 2 and all(d["mode"] == "monitor" for d in ds)
    # Monitor mode still reports what enforcement would do.
    assert ds[0]["action"] == "block"
    # --monitor-summary forces monitor mode on an enforcing policy.
    p = run("replay", "--monitor-summary", "--policy", DEMO_POLICY, path)
    ds = decisions(p.stdout)
    assert all(d.get("mode") == "monitor" for d in ds)
    assert "monitor mode" in p.stderr and "would have stopped 1 " in p.stderr


def test_replay_errors_exit_2(tmp_path):
    p = run("replay", str(tmp_path / "missing.jsonl"))
    assert p.returncode == 2 and "missing.jsonl" in p.stderr
    bad = write(tmp_path, "bad.json", '{"vigil_policy": 1,\n "mode": 5}')
    p = run("replay", "--policy", bad, tiny(tmp_path))
    assert p.returncode == 2
    assert p.stderr.startswith(bad + ":2:") and "mode" in p.stderr
    p = run("replay", "--bogus")
    assert p.returncode == 2


def test_replay_pretty_printed_non_har_falls_back_to_lines(tmp_path):
    path = write(tmp_path, "pretty.json", '{\n  "a": 1\n}\n')
    p = run("replay", path)
    assert p.returncode == 0 and p.stdout == ""
    assert "3 malformed records skipped" in p.stderr


# ------------------------------------------------------ engine behaviour

def by_seq(ds):
    return {d["seq"]: d for d in ds}


def reason_ids(d):
    return [r["id"] for r in d["reasons"]]


def test_replay_demo_policy_rules(tmp_path):
    h = key_headers()
    lines = [
        ex(client_ip="198.51.100.9", headers=h),                               # 0 ip.deny
        ex(path="/api/v1/search", query="q=1'%20OR%20'1'%3D'1", headers=h),    # 1 sqli
        ex(path="/api/v1/nowhere", headers=h),                                 # 2 unknown route
        ex(method="POST", path="/api/v1/orders", headers=h | {"Content-Type": "application/json"},
           body='{"sku":"ABC-123","qty":1000}'),                               # 3 schema
        ex(path="/api/v1/users/42", headers={"Accept": "application/json"}),  # 4 auth.missing
        ex(path="/api/v1/products/7", headers=h),                              # 5 benign
    ]
    path = write(tmp_path, "rules.jsonl", "\n".join(lines) + "\n")
    p = run("replay", "--policy", DEMO_POLICY, path)
    assert p.returncode == 0, p.stderr
    d = by_seq(decisions(p.stdout))
    assert d[0]["action"] == "block" and "ip.deny" in reason_ids(d[0])
    assert d[0]["status"] == 403
    assert d[1]["action"] == "block"
    assert any(i.startswith("attack.") for i in reason_ids(d[1])), d[1]
    assert d[2]["action"] == "flag" and "route.unknown" in reason_ids(d[2])
    assert d[3]["action"] == "block"
    assert any(i.startswith("schema.") for i in reason_ids(d[3])), d[3]
    assert "auth.missing" in reason_ids(d[4]), d[4]
    assert d[5]["action"] == "allow", d[5]


def test_replay_rate_limit_follows_input_timestamps(tmp_path):
    h = key_headers("demo_live_flooder")
    # 300 requests in 30 s of input time: far over 120/min with burst 40.
    fast = [ex(path="/api/v1/products/%d" % (i % 50 + 1), ts=T0 + i * 0.1, headers=h)
            for i in range(300)]
    # The same 300 requests one minute apart: never limited.
    slow = [ex(path="/api/v1/products/%d" % (i % 50 + 1), ts=T0 + i * 60.0, headers=h)
            for i in range(300)]
    dfast = decisions(run("replay", "--policy", DEMO_POLICY,
                          write(tmp_path, "fast.jsonl", "\n".join(fast) + "\n")).stdout)
    dslow = decisions(run("replay", "--policy", DEMO_POLICY,
                          write(tmp_path, "slow.jsonl", "\n".join(slow) + "\n")).stdout)
    throttled = [d for d in dfast if d["action"] == "throttle"]
    assert len(throttled) > 100
    assert all(d["status"] == 429 and d["retry_after"] >= 1 for d in throttled)
    assert all(d["action"] in ("allow", "flag") for d in dfast[:40])  # the burst passes
    assert not any(d["action"] == "throttle" for d in dslow)


def test_replay_har(tmp_path):
    p = run("replay", "--policy", DEMO_POLICY, SAMPLE_HAR)
    assert p.returncode == 0, p.stderr
    ds = decisions(p.stdout)
    assert [d["seq"] for d in ds] == list(range(6))
    assert ds[0]["action"] == "allow", ds[0]
    assert ds[0]["route"] == "/api/v1/products"
    assert ds[1]["route"] == "/api/v1/users/{id}"
    assert ds[2]["route"] == "/api/v1/orders" and ds[2]["action"] == "allow"
    assert ds[3]["action"] == "block"          # SQLi in the query
    assert ds[5]["action"] == "block"          # out-of-contract order body
    # A single-line (minified) HAR is detected too.
    doc = json.load(open(SAMPLE_HAR))
    one = write(tmp_path, "one.har", json.dumps(doc))
    ds2 = decisions(run("replay", "--policy", DEMO_POLICY, one).stdout)
    assert [d["action"] for d in ds2] == [d["action"] for d in ds]


# ------------------------------------------------------------- demo data

def test_generator_is_deterministic_and_matches_committed_files():
    for args, path in (([], DEMO_TRAFFIC), (["--har"], SAMPLE_HAR)):
        out = subprocess.run([sys.executable, GENERATOR, *args, "-o", "-"],
                             capture_output=True, timeout=120, check=True).stdout
        with open(path, "rb") as f:
            assert f.read() == out, "%s is stale: rerun generate.py" % path
    assert os.path.getsize(DEMO_TRAFFIC) <= 2 * 1024 * 1024


def test_demo_traffic_against_ground_truth():
    p = run("replay", "--policy", DEMO_POLICY, DEMO_TRAFFIC)
    assert p.returncode == 0, p.stderr
    assert "malformed" not in p.stderr
    ds = decisions(p.stdout)
    labels = [json.loads(l)["_actor"] for l in open(DEMO_TRAFFIC)]
    assert len(ds) == len(labels)
    acts = {}
    for d, lab in zip(ds, labels):
        acts.setdefault(lab, []).append(d["action"])
    frac = lambda lab, a: acts[lab].count(a) / len(acts[lab])
    assert frac("denied_ip", "block") == 1.0
    assert frac("flooder", "throttle") >= 0.5
    assert frac("prober", "block") >= 0.5
    assert frac("schema_violator", "block") >= 0.5
    benign_stopped = frac("benign", "block") + frac("benign", "throttle")
    assert benign_stopped <= 0.01, benign_stopped
    assert frac("benign", "allow") >= 0.95
