// Golden traces: CronJob schedules, history limits, concurrencyPolicy.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

function cronState(name: string) {
  return (s: Scenario) => {
    const cj = s.get("cronjobs", name);
    const jobs = s.c.store.list("jobs", "default").filter((j) => j.metadata.name.startsWith(`${name}-`));
    return [
      `cronjob ${name} active=${(cj?.status?.active ?? []).map((r: any) => r.name).join(",") || "-"} lastSchedule=${cj?.status?.lastScheduleTime ?? "-"} lastSuccess=${cj?.status?.lastSuccessfulTime ?? "-"}`,
      ...jobs.map((j) => `job ${j.metadata.name} active=${j.status?.active ?? 0} succeeded=${j.status?.succeeded ?? 0} ${(j.status?.conditions ?? []).filter((k: any) => k.status === "True").map((k: any) => k.type).join(",")}`),
    ];
  };
}

const cron = (name: string, extra: string, command: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "*/1 * * * *"
${extra}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox:1.36
            command: ["sh", "-c", "${command}"]`;

test("golden: CronJob runs every minute and keeps successfulJobsHistoryLimit jobs", async () => {
  const s = new Scenario({ state: cronState("tick") });
  await s.apply(cron("tick", "  successfulJobsHistoryLimit: 2", "date; sleep 5"));
  await s.wait(250, 5);
  s.check("cronjob-history");
});

test("golden: concurrencyPolicy Forbid skips, Replace replaces a running job", async () => {
  const s = new Scenario({ state: (x) => [...cronState("forbid")(x), ...cronState("replace")(x)] });
  await s.apply(cron("forbid", "  concurrencyPolicy: Forbid", "sleep 90"));
  await s.apply(cron("replace", "  concurrencyPolicy: Replace", "sleep 90"));
  await s.wait(190, 5);
  s.check("cronjob-concurrency");
});
