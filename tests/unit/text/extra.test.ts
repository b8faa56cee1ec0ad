// Golden tests: expected strings captured from the real GNU tools (Debian) on the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "./harness.ts";
import { fixtureFs } from "./fixtures.ts";

const cases: Array<{ cmd: string; stdin: string; stdout: string; stderr: string; code: number }> = [
  { cmd: "tac f1", stdin: "", stdout: "f\nc d e\na b\n", stderr: "", code: 0 },
  { cmd: "tac", stdin: "a\nb", stdout: "ba\n", stderr: "", code: 0 },
  { cmd: "tac noeol f1", stdin: "", stdout: "twoone\nf\nc d e\na b\n", stderr: "", code: 0 },
  { cmd: "tac nofile", stdin: "", stdout: "", stderr: "tac: failed to open 'nofile' for reading: No such file or directory\n", code: 1 },
  { cmd: "paste f1 noeol", stdin: "", stdout: "a b\tone\nc d e\ttwo\nf\t\n", stderr: "", code: 0 },
  { cmd: "paste -d, f1 passwd", stdin: "", stdout: "a b,root:x:0:0:root:/root:/bin/bash\nc d e,daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nf,user:x:1000:1000:User,,,:/home/user:/bin/bash\n", stderr: "", code: 0 },
  { cmd: "paste -s f1", stdin: "", stdout: "a b\tc d e\tf\n", stderr: "", code: 0 },
  { cmd: "paste -sd+", stdin: "1\n2\n3\n", stdout: "1+2+3\n", stderr: "", code: 0 },
  { cmd: "paste - -", stdin: "a\nb\nc\n", stdout: "a\tb\nc\t\n", stderr: "", code: 0 },
  { cmd: "fold -w 10 pods.txt", stdin: "", stdout: "NAME      \n          \n     READY\n   STATUS \n   RESTART\nS   AGE\nweb-7d8b49\n557c-4xk2m\n     1/1  \n   Running\n   0      \n    12m\nweb-7d8b49\n557c-9qz8p\n     1/1  \n   Running\n   2      \n    12m\ndb-0      \n          \n     0/1  \n   Pending\n   0      \n    3m\napi-5f6d7c\n8b9-abcde \n     0/1  \n   CrashLo\nopBackOff \n  5       \n   20m\n", stderr: "", code: 0 },
  { cmd: "fold -w5 -s", stdin: "hello world foo bar\n", stdout: "hello\n \nworld\n foo \nbar\n", stderr: "", code: 0 },
  { cmd: "fold -w 3", stdin: "abcdefgh", stdout: "abc\ndef\ngh", stderr: "", code: 0 },
  { cmd: "sha256sum f1", stdin: "", stdout: "1e986c2ff482a7361c00f2c9fabfbb10ccb757677f823fb118b03dd964f19e4b  f1\n", stderr: "", code: 0 },
  { cmd: "sha256sum", stdin: "hello\n", stdout: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\n", stderr: "", code: 0 },
  { cmd: "sha256sum", stdin: "한글 ✓\n", stdout: "0250833506fb150cf8809ecc708fd288624caee3d4f842f7bc1c20b967337bea  -\n", stderr: "", code: 0 },
  { cmd: "md5sum f1 noeol", stdin: "", stdout: "598ae3572f1cf7df140e7e098105d603  f1\n76bb1822205fc52742565357a1027fec  noeol\n", stderr: "", code: 0 },
  { cmd: "md5sum", stdin: "", stdout: "d41d8cd98f00b204e9800998ecf8427e  -\n", stderr: "", code: 0 },
  { cmd: "sha256sum nofile", stdin: "", stdout: "", stderr: "sha256sum: nofile: No such file or directory\n", code: 1 },
  { cmd: "sha256sum pods.txt", stdin: "", stdout: "fa80919ea587430409dc1f91e64f883f71c864bd207bfd9ce1b5d7af0ebf7a58  pods.txt\n", stderr: "", code: 0 },
  { cmd: "md5sum pod.json", stdin: "", stdout: "7d138095f3abd68cd0893720b8e2f286  pod.json\n", stderr: "", code: 0 },
];

for (const c of cases) {
  test(`extra: ${c.cmd}`, async () => {
    const r = await run(c.cmd, c.stdin, fixtureFs());
    assert.deepEqual(r, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}
