import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

test("kubectl create job pi completes and its log starts with 3.14159", async () => {
  const l = new Learner(13);
  assert.equal(await l.ok("kubectl create job pi --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(2000)'"), "job.batch/pi created\n");
  assert.match(await l.ok("kubectl get job pi"), /^NAME +STATUS +COMPLETIONS +DURATION +AGE\npi +Running +0\/1 +0s +0s\n$/);
  assert.equal(await l.ok("kubectl wait --for=condition=complete job/pi --timeout=120s"), "job.batch/pi condition met\n");
  assert.match(await l.ok("kubectl get job pi"), /^pi +Complete +1\/1 +\d+s +\d+s$/m);
  const pod = (await l.rows("pods -l job-name=pi"))[0];
  assert.deepEqual(pod.slice(1, 4), ["0/1", "Completed", "0"]);
  const log = await l.ok("kubectl logs job/pi");
  assert.ok(log.startsWith("3.14159265358979323846"), log.slice(0, 30));
  assert.equal(log.trimEnd().length, 2001); // "3." + 1999 more digits: bpi(2000) prints 2000 significant digits
  const ev = events(await l.ok("kubectl describe job pi"));
  assert.deepEqual(ev.map((e) => [e[0], e[1], e[3], e[4]]), [
    ["Normal", "SuccessfulCreate", "job-controller", `Created pod: ${pod[0]}`],
    ["Normal", "Completed", "job-controller", "Job completed"],
  ]);
});

test("a */1 CronJob creates a Job every minute and keeps only 3 successful ones", async () => {
  const l = new Learner(14);
  assert.equal(await l.ok("kubectl create cronjob hello --image=busybox:1.36 --schedule='*/1 * * * *' -- echo hello"), "cronjob.batch/hello created\n");
  await l.sleep(185);
  assert.match(await l.ok("kubectl get cronjob hello"), /^NAME +SCHEDULE +TIMEZONE +SUSPEND +ACTIVE +LAST SCHEDULE +AGE\nhello +\*\/1 \* \* \* \* +<none> +False +0 +\d+s +3m5s\n$/);
  const jobs = await l.rows("jobs");
  assert.equal(jobs.length, 3);
  const nums = jobs.map((j) => Number(/^hello-(\d{8})$/.exec(j[0])![1]));
  assert.deepEqual(nums, [nums[0], nums[0] + 1, nums[0] + 2]);
  // The suffix is the scheduled time in minutes since the epoch.
  const created = await l.ok(`kubectl get job ${jobs[2][0]} -o jsonpath='{.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}'`);
  assert.equal(Date.parse(created) / 60000, nums[2]);
  for (const j of jobs) assert.deepEqual(j.slice(1, 3), ["Complete", "1/1"]);
  const pod = (await l.rows(`pods -l job-name=${jobs[0][0]}`))[0];
  assert.equal(await l.ok(`kubectl logs ${pod[0]}`), "hello\n");

  // successfulJobsHistoryLimit defaults to 3: older jobs are deleted.
  await l.sleep(180);
  const later = await l.rows("jobs");
  assert.equal(later.length, 3);
  assert.equal(Number(/^hello-(\d{8})$/.exec(later[0][0])![1]), nums[0] + 3);
  const ev = events(await l.ok("kubectl describe cronjob hello")).map((e) => e[1] + " " + e[4]);
  assert.ok(ev.includes(`SuccessfulCreate Created job ${jobs[0][0]}`), ev.join("\n"));
  assert.ok(ev.includes(`SawCompletedJob Saw completed job: ${jobs[0][0]}, condition: Complete`), ev.join("\n"));
  assert.ok(ev.includes(`SuccessfulDelete Deleted job ${jobs[0][0]}`), ev.join("\n"));

  await l.ok("kubectl patch cronjob hello -p '{\"spec\":{\"successfulJobsHistoryLimit\":1}}'");
  await l.sleep(60);
  assert.equal((await l.rows("jobs")).length, 1);
});
