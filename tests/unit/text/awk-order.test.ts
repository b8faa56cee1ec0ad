// Golden tests: expected strings captured from the real GNU tools (Debian) on the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "./harness.ts";
import { fixtureFs } from "./fixtures.ts";

const cases: Array<{ cmd: string; stdin: string; stdout: string; stderr: string; code: number }> = [
  { cmd: "awk '{a[$3]++} END {for (k in a) print k, a[k]}' pods.txt", stdin: "", stdout: "Running 2\nCrashLoopBackOff 1\nSTATUS 1\nPending 1\n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN{for(i=1;i<=12;i++)a[i]=i; for(k in a) printf \"%s \", k; print \"\"}'", stdin: "", stdout: "1 2 3 4 5 6 7 8 9 10 11 12 \n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN{for(i=0;i<=3;i++)a[i]=i; a[100]=1; a[-1]=1; for(k in a) printf \"%s \", k; print \"\"}'", stdin: "", stdout: "-1 0 1 2 3 100 \n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN{a[\"x\"]=1; a[1]=1;a[2]=1; a[\"y\"]; for(k in a) printf \"%s \", k; print \"\"}'", stdin: "", stdout: "x y 1 2 \n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN{a[1]=1;a[\"x\"]=1;a[2]=1; a[\"y\"]; for(k in a) printf \"%s \", k; print \"\"}'", stdin: "", stdout: "x y 1 2 \n", stderr: "", code: 0 },
  { cmd: "awk '{a[$1]++} END{for(k in a) print k, a[k]}'", stdin: "Running\nPending\nRunning\nFailed\nSucceeded\nUnknown\nCrashLoopBackOff\n", stdout: "Running 2\nUnknown 1\nSucceeded 1\nCrashLoopBackOff 1\nFailed 1\nPending 1\n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN{for(i=0;i<60;i++) a[\"k\" i*7]; for(k in a) printf \"%s \", k; print \"\"}'", stdin: "", stdout: "k238 k252 k77 k91 k259 k273 k98 k294 k315 k105 k336 k350 k126 k140 k357 k371 k147 k161 k378 k21 k392 k413 k168 k182 k203 k28 k399 k42 k189 k224 k49 k63 k245 k84 k266 k280 k301 k287 k308 k322 k112 k329 k343 k119 k133 k364 k0 k154 k14 k385 k406 k7 k175 k210 k35 k196 k217 k231 k56 k70 \n", stderr: "", code: 0 },
  { cmd: "awk -F: '{u[$7]++} END{for(s in u) print s, u[s]}' passwd", stdin: "", stdout: "/bin/bash 2\n/usr/sbin/nologin 1\n", stderr: "", code: 0 },
  { cmd: "awk '{ c[$1]++ } END { for (w in c) print w }'", stdin: "nginx\nredis\nbusybox\npostgres\nnginx\nmysql\nmongo\nhttpd\nalpine\nubuntu\ndebian\ncentos\nfedora\nk8s.gcr.io/pause\n", stdout: "ubuntu\ncentos\nmongo\npostgres\nalpine\nredis\nbusybox\nnginx\nhttpd\nfedora\nmysql\nk8s.gcr.io/pause\ndebian\n", stderr: "", code: 0 },
  { cmd: "awk '{ c[NR] = $0 } END { for (i in c) print i, c[i] }' f1", stdin: "", stdout: "1 a b\n2 c d e\n3 f\n", stderr: "", code: 0 },
  { cmd: "awk 'BEGIN { split(\"c b a\", x); for (k in x) print k, x[k] }'", stdin: "", stdout: "1 c\n2 b\n3 a\n", stderr: "", code: 0 },
  { cmd: "awk '{ for (i = 1; i <= NF; i++) w[$i]++ } END { for (k in w) print k, w[k] }' pods.txt", stdin: "", stdout: "RESTARTS 1\nREADY 1\n5 1\n12m 2\nweb-7d8b49557c-4xk2m 1\napi-5f6d7c8b9-abcde 1\nRunning 2\n1/1 2\n20m 1\n3m 1\nNAME 1\n0 2\ndb-0 1\nweb-7d8b49557c-9qz8p 1\nAGE 1\nCrashLoopBackOff 1\n0/1 2\n2 1\nSTATUS 1\nPending 1\n", stderr: "", code: 0 },
];

for (const c of cases) {
  test(`awk for-in order: ${c.cmd}`, async () => {
    const r = await run(c.cmd, c.stdin, fixtureFs());
    assert.deepEqual(r, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}
