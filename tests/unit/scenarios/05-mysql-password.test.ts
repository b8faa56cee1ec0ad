import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

const ENTRYPOINT_ERROR = (v: string) => [
  `\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00 \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MySQL Server ${v.replace(/\./g, "\\.")} started\\.`,
  `\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00 \\[Note\\] \\[Entrypoint\\]: Switching to dedicated user 'mysql'`,
  `\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00 \\[Note\\] \\[Entrypoint\\]: Entrypoint script for MySQL Server ${v.replace(/\./g, "\\.")} started\\.`,
  `\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00 \\[ERROR\\] \\[Entrypoint\\]: Database is uninitialized and password option is not specified`,
  "    You need to specify one of the following as an environment variable:",
  "    - MYSQL_ROOT_PASSWORD",
  "    - MYSQL_ALLOW_EMPTY_PASSWORD",
  "    - MYSQL_RANDOM_ROOT_PASSWORD",
].join("\\n");

test("mysql without a root password crashes (Error, then CrashLoopBackOff) and its log names the missing variable; MYSQL_ROOT_PASSWORD fixes it", async () => {
  const l = new Learner(9);
  await l.ok("kubectl create deployment db --image=mysql:8.0");
  await l.sleep(8);
  const early = await l.rows("pods");
  assert.equal(early.length, 1);
  assert.ok(["Error", "CrashLoopBackOff"].includes(early[0][2]), early[0].join(" "));
  await l.sleep(60);
  const pod = (await l.rows("pods"))[0];
  assert.equal(pod[1], "0/1");
  assert.equal(pod[2], "CrashLoopBackOff");
  assert.match(`${pod[3]} ${pod[4]} ${pod[5]}`, /^\d+ \(\d+s ago\)$/);
  assert.match(await l.ok(`kubectl logs ${pod[0]}`), new RegExp(`^${ENTRYPOINT_ERROR("8.0.40-1.el9")}\\n$`));
  assert.match(await l.ok(`kubectl logs ${pod[0]} --previous`), /password option is not specified/);
  const d = await l.ok(`kubectl describe pod ${pod[0]}`);
  assert.match(d, /^    Last State: +Terminated\n      Reason: +Error\n      Exit Code: +1\n/m);

  // Fix: set the variable on the Deployment; the new pod starts and mysqld is ready.
  assert.equal(await l.ok("kubectl set env deployment/db MYSQL_ROOT_PASSWORD=s3cret"), "deployment.apps/db env updated\n");
  assert.match(await l.ok("kubectl rollout status deployment/db --timeout=180s"), /deployment "db" successfully rolled out\n$/);
  await l.sleep(5);
  const pods = await l.rows("pods");
  assert.equal(pods.length, 1);
  assert.deepEqual(pods[0].slice(1, 4), ["1/1", "Running", "0"]);
  const log = await l.ok("kubectl logs deploy/db");
  assert.doesNotMatch(log, /ERROR/);
  assert.match(log, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z 0 \[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '8\.0\.40'  socket: '\/var\/run\/mysqld\/mysqld\.sock'  port: 3306  MySQL Community Server - GPL\.$/m);
  assert.equal(await l.ok("kubectl get deploy db -o jsonpath='{.spec.template.spec.containers[0].env[0]}'"), '{"name":"MYSQL_ROOT_PASSWORD","value":"s3cret"}');
});

test("a bare pod's env cannot be edited in place: the learner recreates it", async () => {
  const l = new Learner(10);
  await l.ok("kubectl run db --image=mysql:8.4");
  await l.sleep(30);
  assert.match(await l.ok("kubectl logs db"), new RegExp(`^${ENTRYPOINT_ERROR("8.4.3-1.el9")}\\n$`));
  const err = await l.fails("kubectl set env pod/db MYSQL_ROOT_PASSWORD=x");
  assert.match(err, /^The Pod "db" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/);
  await l.ok("kubectl delete pod db");
  await l.ok("kubectl run db --image=mysql:8.4 --env=MYSQL_ROOT_PASSWORD=x");
  await l.sleep(30);
  assert.match(await l.ok("kubectl get pod db"), /^db +1\/1 +Running +0 +30s$/m);
  assert.match(await l.ok("kubectl logs db"), /ready for connections\. Version: '8\.4\.3'/);
});
