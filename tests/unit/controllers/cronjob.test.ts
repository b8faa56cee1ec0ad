import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import { nextAfter, parseSchedule } from "../../../lab-engine/controllers/cron.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");

function cj(name: string, schedule: string, command: string[], extra: any = {}): any {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox:1.36", command }] } } } },
      ...extra,
    },
  };
}

function jobsOf(c: Cluster, name: string) {
  return c.store.list("jobs", "default").filter((j) => j.metadata.ownerReferences?.some((r) => r.kind === "CronJob" && r.name === name));
}

test("cron parser: steps, ranges, names, descriptors, dom/dow OR rule, time zones", () => {
  const t = Date.UTC(2026, 10, 21, 22, 7, 30); // Sat
  assert.equal(iso(nextAfter(parseSchedule("*/5 * * * *"), t)!), "2026-11-21T22:10:00Z");
  assert.equal(iso(nextAfter(parseSchedule("@hourly"), t)!), "2026-11-21T23:00:00Z");
  assert.equal(iso(nextAfter(parseSchedule("@daily"), t)!), "2026-11-22T00:00:00Z");
  assert.equal(iso(nextAfter(parseSchedule("30 9 * * mon-fri"), t)!), "2026-11-23T09:30:00Z");
  assert.equal(iso(nextAfter(parseSchedule("0 0 1 jan *"), t)!), "2027-01-01T00:00:00Z");
  // Both day fields restricted: either matches (the 1st, or a Sunday).
  assert.equal(iso(nextAfter(parseSchedule("0 12 1 * 0"), t)!), "2026-11-22T12:00:00Z");
  // 09:00 in Seoul is 00:00 UTC.
  assert.equal(iso(nextAfter(parseSchedule("0 9 * * *"), t, "Asia/Seoul")!), "2026-11-22T00:00:00Z");
  assert.throws(() => parseSchedule("* * *"), /expected exactly 5 fields, found 3/);
});

test("jobs named <cj>-<minutes> at each schedule time on the virtual clock; events; history limit", () => {
  const c = cluster();
  create(c, "cronjobs", cj("hello", "*/1 * * * *", ["sh", "-c", "echo hi"]));
  c.advanceTo(T0 + 5 * 60_000 + 30_000);
  const names = jobsOf(c, "hello").map((j) => j.metadata.name).sort();
  const m0 = Math.floor(T0 / 60_000);
  // History limit 3 successful.
  assert.deepEqual(names, [`hello-${m0 + 3}`, `hello-${m0 + 4}`, `hello-${m0 + 5}`]);
  const j = get(c, "jobs", `hello-${m0 + 5}`);
  assert.equal(j.metadata.annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"], iso((m0 + 5) * 60_000));
  assert.equal(j.metadata.creationTimestamp, iso((m0 + 5) * 60_000));
  const s = get(c, "cronjobs", "hello").status;
  assert.equal(s.lastScheduleTime, iso((m0 + 5) * 60_000));
  assert.ok(s.lastSuccessfulTime);
  const ev = eventLines(c, "hello");
  assert.equal(ev[0], `Normal SuccessfulCreate cronjob-controller: Created job hello-${m0 + 1}`);
  assert.equal(ev[1], `Normal SawCompletedJob cronjob-controller: Saw completed job: hello-${m0 + 1}, condition: Complete`);
  assert.ok(ev.includes(`Normal SuccessfulDelete cronjob-controller: Deleted job hello-${m0 + 1}`));
});

test("Forbid skips while a job runs; Replace replaces it; suspend stops scheduling", () => {
  const c = cluster();
  create(c, "cronjobs", cj("f", "*/1 * * * *", ["sleep", "150"], { concurrencyPolicy: "Forbid" }));
  create(c, "cronjobs", cj("r", "*/1 * * * *", ["sleep", "150"], { concurrencyPolicy: "Replace" }));
  create(c, "cronjobs", cj("s", "*/1 * * * *", ["sleep", "150"], { suspend: true }));
  c.advanceTo(T0 + 2 * 60_000 + 10_000);
  assert.equal(jobsOf(c, "f").length, 1);
  assert.ok(eventLines(c, "f").includes("Normal JobAlreadyActive cronjob-controller: Not starting job because prior execution is running and concurrency policy is Forbid"));
  const r = jobsOf(c, "r").filter((j) => !j.metadata.deletionTimestamp);
  assert.equal(r.length, 1);
  assert.equal(get(c, "cronjobs", "r").status.active.length, 1);
  assert.ok(eventLines(c, "r").some((l) => l.startsWith("Normal SuccessfulDelete cronjob-controller: Deleted job r-")));
  assert.equal(jobsOf(c, "s").length, 0);
});
