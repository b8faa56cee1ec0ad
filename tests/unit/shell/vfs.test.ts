import assert from "node:assert/strict";
import { test } from "node:test";
import { FsError } from "../../../lab-engine/shell/types.ts";
import { MAX_FILE_BYTES, VirtualFS } from "../../../lab-engine/shell/vfs.ts";

test("VirtualFS: paths, ~, ., .., JSON round trip", () => {
  let t = 1000;
  const fs = new VirtualFS(() => t);
  fs.mkdir("/root/a/b", { parents: true });
  assert.equal(fs.resolve("/root/a", "../a/./b/.."), "/root/a");
  assert.equal(fs.resolve("/tmp", "~/x", "/root"), "/root/x");
  assert.equal(fs.resolve("/", "../.."), "/");
  t = 2000;
  fs.writeFile("/root/a/f.txt", "hello");
  assert.deepEqual(fs.stat("/root/a/f.txt"), { type: "file", content: "hello", mode: 0o644, mtime: 2000 });
  assert.deepEqual(fs.readdir("/root/a"), ["b", "f.txt"]);
  const copy = VirtualFS.fromJSON(JSON.parse(JSON.stringify(fs.toJSON())), () => t);
  assert.equal(copy.readFile("/root/a/f.txt"), "hello");
  assert.deepEqual(copy.toJSON(), fs.toJSON());
  fs.rename("/root/a", "/root/z");
  assert.deepEqual(fs.readdir("/root/z"), ["b", "f.txt"]);
  assert.equal(fs.exists("/root/a/f.txt"), false);
});

test("VirtualFS: errors", () => {
  const fs = VirtualFS.withDefaults(() => 0);
  const code = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return e instanceof FsError ? e.code : "other";
    }
    return "none";
  };
  assert.equal(code(() => fs.readFile("/nope")), "ENOENT");
  assert.equal(code(() => fs.readFile("/tmp")), "EISDIR");
  assert.equal(code(() => fs.writeFile("/x/y", "")), "ENOENT");
  assert.equal(code(() => fs.mkdir("/tmp")), "EEXIST");
  assert.equal(code(() => fs.mkdir("/a/b")), "ENOENT");
  fs.writeFile("/tmp/f", "x");
  assert.equal(code(() => fs.writeFile("/tmp/f/g", "")), "ENOTDIR");
  assert.equal(code(() => fs.remove("/tmp")), "ENOTEMPTY");
  assert.equal(code(() => fs.writeFile("/tmp/big", "x".repeat(MAX_FILE_BYTES + 1))), "EFBIG");
  for (let i = 0; i < 15; i++) fs.writeFile(`/tmp/f${i}`, "x".repeat(MAX_FILE_BYTES));
  assert.equal(code(() => fs.writeFile("/tmp/f16", "x".repeat(MAX_FILE_BYTES))), "EFBIG");
  fs.remove("/tmp", { recursive: true });
  fs.writeFile("/f16", "x".repeat(MAX_FILE_BYTES));
});
