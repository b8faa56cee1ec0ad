// Golden traces: Job backoffLimit failure, activeDeadlineSeconds, ttlSecondsAfterFinished.
import { test } from "node:test";
import { Scenario, conds } from "./scenario-golden.ts";

function jobState(name: string) {
  return (s: Scenario) => {
    const j = s.get("jobs", name);
    const st = j?.status ?? {};
    return [j ? `job ${name} active=${st.active ?? 0} ready=${st.ready ?? 0} succeeded=${st.succeeded ?? 0} failed=${st.failed ?? 0} ${conds(j)}` : `job ${name} <deleted>`, ...s.pods(`${name}-`)];
  };
}

const job = (name: string, spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "${command}"]`;

test("golden: Job fails after backoffLimit retries with exponential back-off", async () => {
  const s = new Scenario({ state: jobState("flaky") });
  await s.apply(job("flaky", "  backoffLimit: 2", "echo fail; exit 1"));
  await s.wait(90);
  s.check("job-backoff-limit");
});

test("golden: Job killed by activeDeadlineSeconds", async () => {
  const s = new Scenario({ state: jobState("slow") });
  await s.apply(job("slow", "  activeDeadlineSeconds: 10", "sleep 3600"));
  await s.wait(60);
  s.check("job-active-deadline");
});

test("golden: finished Job deleted after ttlSecondsAfterFinished", async () => {
  const s = new Scenario({ state: jobState("once") });
  await s.apply(job("once", "  ttlSecondsAfterFinished: 20", "echo done"));
  await s.wait(40);
  s.check("job-ttl");
});
