// Commands that write files: sed -i, tee, sort -o, and xargs running other commands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run, MemFS } from "./harness.ts";

test("sed -i edits the file in place and prints nothing", async () => {
  const fs = new MemFS({ "/root/f": "a b\nc\n" });
  const r = await run("sed -i s/a/A/ f", "", fs);
  assert.deepEqual(r, { stdout: "", stderr: "", code: 0 });
  assert.equal(fs.readFile("/root/f"), "A b\nc\n");
});

test("sed -i.bak keeps a backup", async () => {
  const fs = new MemFS({ "/root/f": "x\n" });
  await run(["sed", "-i.bak", "s/x/y/", "f"], "", fs);
  assert.equal(fs.readFile("/root/f"), "y\n");
  assert.equal(fs.readFile("/root/f.bak"), "x\n");
});

test("sed -i without files", async () => {
  const r = await run(["sed", "-i", "s/x/y/"], "x\n");
  assert.deepEqual(r, { stdout: "", stderr: "sed: no input files\n", code: 1 });
});

test("tee writes and appends", async () => {
  const fs = new MemFS({ "/root/keep": "old\n" });
  const r = await run("tee out keep -a", "new\n", fs);
  assert.deepEqual(r, { stdout: "new\n", stderr: "", code: 0 });
  assert.equal(fs.readFile("/root/out"), "new\n");
  assert.equal(fs.readFile("/root/keep"), "old\nnew\n");
});

test("tee into a missing directory", async () => {
  const r = await run("tee /nope/x", "hi\n");
  assert.deepEqual(r, { stdout: "hi\n", stderr: "tee: /nope/x: No such file or directory\n", code: 1 });
});

test("sort -o writes the output file", async () => {
  const fs = new MemFS();
  await run("sort -o s.txt", "b\na\n", fs);
  assert.equal(fs.readFile("/root/s.txt"), "a\nb\n");
});

test("xargs runs the command through exec with quoted args", async () => {
  const seen: string[][] = [];
  const r = await run("xargs -n 2 show", "a 'b c' d\n", new MemFS(), {
    table: {
      show: async (ctx) => {
        seen.push(ctx.argv.slice(1));
        return 0;
      },
    },
  });
  assert.equal(r.code, 0);
  assert.deepEqual(seen, [["a", "b c"], ["d"]]);
});

test("xargs reports 123 when a command fails", async () => {
  const r = await run("xargs fail", "a\n", new MemFS(), { table: { fail: async () => 1 } });
  assert.equal(r.code, 123);
});

test("awk reads a literal command through getline", async () => {
  const r = await run(["awk", 'BEGIN { while (("echo hi there" | getline line) > 0) n++; print n, line; "echo x" | getline; print $0, NR }']);
  assert.deepEqual(r, { stdout: "1 hi there\nx 0\n", stderr: "", code: 0 });
});

test("awk print to a file, close() and read it back", async () => {
  const fs = new MemFS();
  const r = await run(["awk", 'BEGIN { print "a" > "t.txt"; print "b" > "t.txt"; close("t.txt"); while ((getline l < "t.txt") > 0) print "got", l }'], "", fs);
  assert.deepEqual(r, { stdout: "got a\ngot b\n", stderr: "", code: 0 });
  assert.equal(fs.readFile("/root/t.txt"), "a\nb\n");
});

test("awk pipes output to a command at exit", async () => {
  const r = await run(["awk", '{ print $1 | "sort" }'], "b\na\n", new MemFS(), {
    table: {
      sort: async (ctx) => {
        ctx.stdout.write(ctx.stdin.split("\n").filter(Boolean).sort().join("\n") + "\n");
        return 0;
      },
    },
  });
  assert.equal(r.stdout, "a\nb\n");
});

test("/dev/stdin as a file operand reads standard input", async () => {
  assert.equal((await run("jq .a /dev/stdin", '{"a":1}\n')).stdout, "1\n");
  assert.equal((await run("grep -H b /dev/stdin", "abc\n")).stdout, "/dev/stdin:abc\n");
  assert.equal((await run("wc -l /dev/stdin", "a\nb\n")).stdout, "2 /dev/stdin\n");
});
