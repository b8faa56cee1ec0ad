import { test } from "node:test";
import assert from "node:assert/strict";
import { formatPrompt, tildePath } from "../../../lab-engine/terminal/prompt.ts";
import { strWidth, wcwidth } from "../../../lab-engine/terminal/wcwidth.ts";

test("formatPrompt: CKA exam style", () => {
  assert.equal(formatPrompt({ user: "root", host: "controlplane", cwd: "/root", home: "/root" }), "controlplane:~$ ");
  assert.equal(formatPrompt({ user: "root", host: "controlplane", cwd: "/etc", home: "/root" }), "controlplane:/etc$ ");
  assert.equal(formatPrompt({ user: "root", host: "controlplane", cwd: "/root/lab/x", home: "/root" }), "controlplane:~/lab/x$ ");
  assert.equal(formatPrompt({ user: "root", host: "controlplane", cwd: "/rootfs", home: "/root" }), "controlplane:/rootfs$ ");
  assert.equal(formatPrompt({ user: "root", host: "node01", cwd: "/", home: "/root" }), "node01:/$ ");
});

test("formatPrompt: bash style", () => {
  assert.equal(formatPrompt({ user: "root", host: "controlplane", cwd: "/root", home: "/root", style: "bash" }), "root@controlplane:~# ");
  assert.equal(formatPrompt({ user: "kube", host: "cp", cwd: "/tmp", home: "/home/kube", style: "bash" }), "kube@cp:/tmp$ ");
});

test("tildePath: home of / is not abbreviated", () => {
  assert.equal(tildePath("/", "/"), "/");
  assert.equal(tildePath("/etc", "/"), "/etc");
  assert.equal(tildePath("/home/a", "/home/a/"), "~");
});

test("wcwidth", () => {
  assert.equal(strWidth("kubectl"), 7);
  assert.equal(strWidth("안녕하세요"), 10);
  assert.equal(strWidth("파드 pod"), 8);
  assert.equal(wcwidth(0x301), 0); // combining acute
  assert.equal(strWidth("e\u0301"), 1);
  assert.equal(wcwidth(0xff21), 2); // fullwidth A
  assert.equal(wcwidth(0x1f600), 2);
  assert.equal(wcwidth(0x4e2d), 2);
  assert.equal(wcwidth(0x1160), 0); // Hangul jungseong filler
});
