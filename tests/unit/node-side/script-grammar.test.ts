// Container scripts (`command: ["sh", "-c", …]`) accept the terminal shell's grammar and its
// text commands: they are parsed by lab-engine/shell/parser.ts, run on the kubelet's timeline,
// and tr/sed/awk/grep… are the terminal's own implementations. Each case is a busybox pod with
// restartPolicy Never; we read its logs and phase as a learner would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runScriptPods } from "./script-pods.ts";

const runScripts = runScriptPods;

test("case, functions, groups and here-documents run in container scripts", async () => {
  const r = await runScripts([
    "x=3; case $x in 1|2) echo low;; 3) echo three;; *) echo other;; esac",
    "case abc in a*) echo glob;; esac; case q in [pq]) echo class;; esac; case z in y) echo no;; esac; echo after",
    'greet() { echo "hi $1 ($# args)"; }; greet ann bob; echo "outside [$1]"',
    "{ echo a; echo b; } && echo c",
    "cat <<EOF\nhost=$HOSTNAME\nEOF",
    "cat <<'EOF' > /tmp/conf\nraw $HOME\nEOF\ncat /tmp/conf",
    "if [ -f /etc/hostname ]; then echo has-hostname; elif true; then echo no; else echo never; fi",
  ]);
  assert.deepEqual(r.map((x) => x.logs), [
    "three\n",
    "glob\nclass\nafter\n",
    "hi ann (2 args)\noutside []\n",
    "a\nb\nc\n",
    "host=t4\n",
    "raw $HOME\n",
    "has-hostname\n",
  ]);
  assert.ok(r.every((x) => x.status === "Succeeded"), JSON.stringify(r));
});

test("a loop that takes no time runs while its condition holds; one that never ends keeps running", async () => {
  const [counter, spin, ticker] = await runScripts([
    "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done; echo end",
    "while [ 1 -eq 1 ]; do echo x >/dev/null; done",
    "while true; do echo tick; sleep 10; done",
  ]);
  assert.deepEqual(counter, { logs: "0\n1\n2\nend\n", status: "Succeeded" });
  assert.equal(spin.status, "Running");
  assert.equal(ticker.status, "Running");
  assert.equal(ticker.logs, "tick\ntick\ntick\n");
});

test("text commands in container scripts print what they print at the prompt", async () => {
  const r = await runScripts([
    "echo hello | tr a-z A-Z",
    "printf 'a:b\\nc:d\\n' | cut -d: -f2",
    "echo x=1 > /tmp/c; sed -n 's/x=//p' /tmp/c",
    "seq 5 | awk '{s+=$1} END {print s}'",
    "echo abc | grep -o b; echo a b | wc -w; printf '1\\n1\\n2\\n' | uniq -c",
    "echo aGVsbG8K | base64 -d",
    "echo x | grep y; echo rc=$?",
    "jq . /etc/hostname",
  ]);
  assert.deepEqual(r.map((x) => x.logs), [
    "HELLO\n",
    "b\nd\n",
    "1\n",
    "15\n",
    "b\n2\n      2 1\n      1 2\n",
    "hello\n",
    "rc=1\n",
    "sh: jq: not found\n",
  ]);
  assert.deepEqual(r.map((x) => x.status), [...Array(7).fill("Succeeded"), "Failed"]);
});
