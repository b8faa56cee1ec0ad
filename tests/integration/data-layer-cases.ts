// Data-layer behaviour, run against each database (fresh in-memory PGlite, real PostgreSQL).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Db } from "../../server/db/client.ts";
import { createUser } from "../../server/data/create-user.ts";
import { verifyCredentials, MAX_FAILURES } from "../../server/data/verify-credentials.ts";
import { markLessonCompleted, markLessonOpened, listLessonProgress } from "../../server/data/lesson-progress.ts";
import { loadSandboxSnapshot, saveSandboxSnapshot } from "../../server/data/sandbox-snapshot.ts";
import { listCommands, recordCommands, startLabAttempt } from "../../server/data/lab-attempt.ts";
import { listGradingResults, saveGradingResult } from "../../server/data/grading-result.ts";
import { ensureDemoUsers } from "../../server/data/ensure-demo-users.ts";
import { SandboxRegistry, SAVE_DEBOUNCE_MS } from "../../server/sandbox-host/sandbox-registry.ts";
import { fakeEngine } from "./fake-engine.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function dataLayerCases(getDb: () => Db) {
  let n = 0;
  const email = () => `user${Date.now()}-${n++}@example.com`;

  test("sign-up stores a bcrypt hash and log-in checks it", async () => {
    const db = getDb();
    const e = email();
    const u = await createUser(db, { email: e.toUpperCase(), password: "correct-horse", name: "홍길동" });
    assert.equal(u.email, e);
    assert.equal(u.role, "STUDENT");
    const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    assert.match(row.passwordHash!, /^\$2[aby]\$10\$/);
    assert.equal((await verifyCredentials(db, e, "correct-horse", "1.1.1.1"))?.id, u.id);
    assert.equal(await verifyCredentials(db, e, "wrong-password", "1.1.1.1"), null);
    assert.equal(await verifyCredentials(db, "nobody@example.com", "whatever1", "1.1.1.1"), null);
  });

  test("sign-up refuses a taken email and a short password, in Korean", async () => {
    const db = getDb();
    const e = email();
    await createUser(db, { email: e, password: "password1" });
    await assert.rejects(createUser(db, { email: e, password: "password1" }), { code: "EMAIL_TAKEN", message: "이미 가입된 이메일입니다." });
    await assert.rejects(createUser(db, { email: email(), password: "short" }), { code: "INVALID_INPUT" });
    await assert.rejects(createUser(db, { email: "not-an-email", password: "password1" }), { code: "INVALID_INPUT" });
  });

  test("login limit: after 5 failures per email+IP even the right password is refused; another IP is not", async () => {
    const db = getDb();
    const e = email();
    await createUser(db, { email: e, password: "right-password" });
    for (let i = 0; i < MAX_FAILURES; i++) assert.equal(await verifyCredentials(db, e, "bad", "9.9.9.9"), null);
    await assert.rejects(verifyCredentials(db, e, "right-password", "9.9.9.9"), { code: "TOO_MANY_ATTEMPTS" });
    assert.ok(await verifyCredentials(db, e, "right-password", "8.8.8.8"));
  });

  test("demo accounts are created once with their roles", async () => {
    const db = getDb();
    await ensureDemoUsers(db);
    await ensureDemoUsers(db);
    const teacher = await db.user.findUniqueOrThrow({ where: { email: "teacher@kubelab.local" } });
    assert.equal(teacher.role, "INSTRUCTOR");
    assert.ok(await verifyCredentials(db, "student@kubelab.local", "kubelab-student", "127.0.0.1"));
  });

  test("lesson progress: opening a completed lesson keeps it completed; users do not see each other's", async () => {
    const db = getDb();
    const a = await createUser(db, { email: email(), password: "password1" });
    const b = await createUser(db, { email: email(), password: "password1" });
    await markLessonOpened(db, a.id, "pods");
    await markLessonCompleted(db, a.id, "pods");
    await markLessonOpened(db, a.id, "pods");
    const rows = await listLessonProgress(db, a.id);
    assert.deepEqual(rows.map((r) => [r.lessonSlug, r.status]), [["pods", "COMPLETED"]]);
    assert.deepEqual(await listLessonProgress(db, b.id), []);
  });

  test("data access refuses a missing user id instead of matching everyone", async () => {
    const db = getDb();
    await assert.rejects(listLessonProgress(db, ""), { code: "UNAUTHENTICATED" });
    await assert.rejects(loadSandboxSnapshot(db, undefined as any, "lab"), { code: "UNAUTHENTICATED" });
    await assert.rejects(listGradingResults(db, null as any), { code: "UNAUTHENTICATED" });
  });

  test("sandbox snapshots are one JSON row per user and lab, replaced on save", async () => {
    const db = getDb();
    const a = await createUser(db, { email: email(), password: "password1" });
    const b = await createUser(db, { email: email(), password: "password1" });
    assert.equal(await loadSandboxSnapshot(db, a.id, "lab-1"), null);
    await saveSandboxSnapshot(db, a.id, "lab-1", { v: 1, nested: { pods: ["web"] } });
    await saveSandboxSnapshot(db, a.id, "lab-1", { v: 1, nested: { pods: ["web", "db"] } });
    assert.deepEqual(await loadSandboxSnapshot(db, a.id, "lab-1"), { v: 1, nested: { pods: ["web", "db"] } });
    assert.equal(await loadSandboxSnapshot(db, b.id, "lab-1"), null);
    assert.equal(await db.sandboxSnapshot.count({ where: { userId: a.id } }), 1);
  });

  test("command history and grading results with per-check detail", async () => {
    const db = getDb();
    const a = await createUser(db, { email: email(), password: "password1" });
    const attempt = await startLabAttempt(db, a.id, "lab-2");
    await recordCommands(db, a.id, "lab-2", attempt.id, ["kubectl get nodes", "kubectl run web --image=nginx"]);
    assert.deepEqual((await listCommands(db, a.id, "lab-2")).map((c) => c.command), ["kubectl get nodes", "kubectl run web --image=nginx"]);
    const r = await saveGradingResult(db, a.id, "lab-2", {
      attemptId: attempt.id,
      checks: [
        { id: "pod", title: "web 파드가 있다", passed: true },
        { id: "img", title: "이미지가 nginx다", passed: false, message: "이미지가 다릅니다" },
      ],
    });
    assert.equal(r.score, 1);
    assert.equal(r.maxScore, 2);
    assert.equal(r.passed, false);
    const [saved] = await listGradingResults(db, a.id, "lab-2");
    assert.equal((saved.checks as any[])[1].message, "이미지가 다릅니다");
  });

  test("sandbox registry: one sandbox per user and lab, persisted after a change and restored later", async () => {
    const db = getDb();
    const a = await createUser(db, { email: email(), password: "password1" });
    const b = await createUser(db, { email: email(), password: "password1" });
    const reg = new SandboxRegistry(db, fakeEngine, { idleMs: 60_000, maxPerUser: 5 });
    const [h1, h2] = await Promise.all([reg.getOrCreate(a.id, "lab-x"), reg.getOrCreate(a.id, "lab-x")]);
    assert.equal(h1, h2, "concurrent attaches share one sandbox");
    const hb = await reg.getOrCreate(b.id, "lab-x");
    assert.notEqual(hb, h1, "another user gets their own sandbox");
    h1.input("kubectl get nodes\r");
    await sleep(SAVE_DEBOUNCE_MS + 400);
    const snap: any = await loadSandboxSnapshot(db, a.id, "lab-x");
    assert.deepEqual(snap.engine.lines, ["kubectl get nodes"]);
    assert.match(snap.scrollback, /ran: kubectl get nodes/);
    assert.deepEqual((await listCommands(db, a.id, "lab-x")).map((c) => c.command), ["kubectl get nodes"]);
    await reg.shutdown();

    const reg2 = new SandboxRegistry(db, fakeEngine, { idleMs: 60_000, maxPerUser: 5 });
    const again = await reg2.getOrCreate(a.id, "lab-x");
    assert.deepEqual((again.sb as any).state.lines, ["kubectl get nodes"]);
    assert.match(again.scrollback.text(), /ran: kubectl get nodes/);
    await reg2.shutdown();
  });

  test("sandbox registry evicts idle sandboxes after saving them", async () => {
    const db = getDb();
    const a = await createUser(db, { email: email(), password: "password1" });
    const reg = new SandboxRegistry(db, fakeEngine, { idleMs: 50, maxPerUser: 5 });
    const h = await reg.getOrCreate(a.id, "lab-idle");
    h.input("echo hi\r");
    await sleep(80);
    await reg.evictIdle();
    assert.equal(reg.size, 0);
    assert.deepEqual(((await loadSandboxSnapshot(db, a.id, "lab-idle")) as any).engine.lines, ["echo hi"]);
    await reg.shutdown();
  });
}
