// Grader: each check kind passes and fails with Korean feedback, grading is deterministic and
// never changes the sandbox, lab schema and parameters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { parseLab, pickParams, instantiateLab, type Lab } from "../../../lab-engine/grader/lab-schema.ts";
import { prepareLabTemplate, paramsFromSetup } from "../../../lab-engine/grader/lab-setup.ts";
import { gradeLab } from "../../../lab-engine/grader/grade.ts";
import { getPath } from "../../../lab-engine/grader/checks/common.ts";
import { routeIngress } from "../../../lab-engine/grader/checks/http.ts";

const LAB = `
id: unit-lab
title: 단위 테스트 실습
lesson: 11-services
params:
  replicas: {choices: [2, 3]}
setup:
  commands:
    - kubectl create deployment web --image=nginx:1.27 --replicas={{replicas}}
    - kubectl create namespace dev
  files:
    /root/notes.txt: "hello"
  advance: 60
tasks:
  - id: all
    title: 모든 검사 종류
    hints: [힌트]
    checks:
      - {id: exists, kind: exists, resource: deployment, name: web, fields: {spec.replicas: "{{replicas}}", "spec.template.spec.containers[name=nginx].image": nginx:1.27}}
      - {id: ready, kind: podReady, selector: app=web, count: "{{replicas}}"}
      - {id: svc, kind: serviceEndpoints, service: web, selects: app=web, min: "{{replicas}}", targetPort: 80}
      - {id: rollout, kind: rolloutComplete, deployment: web, revision: 1, image: nginx:1.27}
      - {id: image, kind: containerImage, resource: pod, selector: app=web, image: nginx:1.27}
      - {id: count, kind: count, resource: pods, selector: app=web, expected: "{{replicas}}"}
      - {id: event, kind: event, reason: ScalingReplicaSet, objectKind: Deployment, objectName: web}
      - {id: http, kind: httpThroughService, service: web, expect: Welcome to nginx}
      - {id: cmd, kind: command, run: "kubectl get deploy web -o jsonpath='{.spec.replicas}'", expect: "{{replicas}}"}
      - {id: cani, kind: canI, as: "system:serviceaccount:dev:bot", verb: list, resource: pods, namespace: dev, expect: true}
      - {id: file, kind: fileContains, path: /root/answer.txt, contains: web}
    solution:
      - kubectl expose deployment web --port=80
      - kubectl create serviceaccount bot -n dev
      - kubectl create role reader --verb=get,list --resource=pods -n dev
      - kubectl create rolebinding bot-reader --role=reader --serviceaccount=dev:bot -n dev
      - echo web > /root/answer.txt
    wrong:
      - {commands: ["kubectl expose deployment web --port=80 --target-port=8080"], failsCheck: svc}
explanation: 설명
`;

async function solved(lab: Lab, seed = 1) {
  const prep = await prepareLabTemplate(lab, seed);
  const sb = Sandbox.create({ seed, clock: new VirtualClock(), setup: prep.setup, labId: lab.id });
  return { sb, prep };
}

async function typeAll(sb: Sandbox, lines: string[]) {
  for (const l of lines) await sb.run(l);
  await sb.sleepFor(30_000);
}

test("parseLab validates and reports schema problems in one message", () => {
  const lab = parseLab(LAB);
  assert.equal(lab.id, "unit-lab");
  assert.equal(lab.tasks[0].checks.length, 11);
  assert.throws(() => parseLab("id: x\ntitle: t\nlesson: l\ntasks: []\nexplanation: e\n"), /invalid lab: tasks: /);
  assert.throws(() => parseLab(LAB.replace("failsCheck: svc", "failsCheck: nope")), /unknown check nope/);
  assert.throws(() => parseLab(LAB.replace("kind: canI", "kind: canIt")), /invalid lab/);
});

test("parameters are seeded, substituted everywhere and read back from the sandbox setup", async () => {
  const lab = parseLab(LAB);
  const a = pickParams(lab, 1);
  assert.deepEqual(pickParams(lab, 1), a);
  const seen = new Set<number>();
  for (let s = 1; s < 20; s++) seen.add(pickParams(lab, s).replicas as number);
  assert.deepEqual([...seen].sort(), [2, 3]);
  const l = instantiateLab(lab, { replicas: 3 });
  assert.equal(l.setup.commands[0], "kubectl create deployment web --image=nginx:1.27 --replicas=3");
  assert.equal((l.tasks[0].checks[1] as any).count, 3);
  const { sb } = await solved(lab, 1);
  assert.deepEqual(paramsFromSetup(lab, sb.setup), a);
});

test("every check kind passes on the solved lab, and fails with Korean feedback on the initial state", async () => {
  const lab = parseLab(LAB);
  const { sb, prep } = await solved(lab);
  const before = await gradeLab(sb, lab);
  const failed = Object.fromEntries(before.tasks[0].checks.map((c) => [c.checkId, c]));
  assert.equal(before.passed, false);
  assert.equal(failed.svc.passed, false);
  assert.equal(failed.svc.found, "서비스가 없습니다");
  assert.match(failed.svc.hint, /서비스 web을\(를\) 만드세요/);
  assert.equal(failed.cani.passed, false);
  assert.equal(failed.cani.found, "no");
  assert.match(failed.cani.hint, /권한이 없습니다/);
  assert.equal(failed.file.found, "파일이 없습니다");
  assert.equal(failed.http.passed, false);
  assert.equal(failed.exists.passed, true);
  assert.equal(failed.ready.passed, true);
  assert.equal(failed.event.passed, true);
  assert.equal(failed.cmd.passed, true);
  await typeAll(sb, prep.lab.tasks[0].solution);
  const after = await gradeLab(sb, lab);
  for (const c of after.tasks[0].checks) assert.equal(c.passed, true, `${c.checkId}: ${c.expected} / ${c.found}`);
  assert.equal(after.passed, true);
  assert.deepEqual(after.score, { passed: 1, total: 1 });
  for (const c of after.tasks[0].checks) assert.equal(c.hint, "");
});

test("a wrong targetPort fails serviceEndpoints and httpThroughService with what was found", async () => {
  const lab = parseLab(LAB);
  const { sb } = await solved(lab);
  await typeAll(sb, ["kubectl expose deployment web --port=80 --target-port=8080"]);
  const r = await gradeLab(sb, lab);
  const c = Object.fromEntries(r.tasks[0].checks.map((x) => [x.checkId, x]));
  assert.equal(c.svc.passed, false);
  assert.match(c.svc.hint, /targetPort를 컨테이너가 듣는 포트\(80\)로/);
  assert.match(c.svc.found, /:8080/);
  assert.equal(c.http.passed, false);
  assert.match(c.http.found, /연결 거부/);
});

test("grading is deterministic and leaves the sandbox unchanged", async () => {
  const lab = parseLab(LAB);
  const { sb, prep } = await solved(lab);
  await typeAll(sb, prep.lab.tasks[0].solution.slice(0, 2));
  const snap = JSON.stringify(sb.snapshot());
  const history = JSON.stringify(sb.shell.snapshot());
  const r1 = await gradeLab(sb, lab);
  const r2 = await gradeLab(sb, lab);
  assert.deepEqual(r1, r2);
  assert.equal(JSON.stringify(sb.snapshot()), snap);
  assert.equal(JSON.stringify(sb.shell.snapshot()), history);
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) await gradeLab(sb, lab);
  assert.ok((performance.now() - t0) / 10 < 200, "grading takes milliseconds");
});

test("field paths: filters, quoted keys, wildcards and missing values", () => {
  const obj = { metadata: { annotations: { "kubernetes.io/change-cause": "x" } }, spec: { containers: [{ name: "a", image: "i1" }, { name: "b", image: "i2" }] } };
  assert.deepEqual(getPath(obj, "spec.containers[name=b].image"), ["i2"]);
  assert.deepEqual(getPath(obj, "spec.containers[*].image"), ["i1", "i2"]);
  assert.deepEqual(getPath(obj, "spec.containers[1].name"), ["b"]);
  assert.deepEqual(getPath(obj, 'metadata.annotations["kubernetes.io/change-cause"]'), ["x"]);
  assert.deepEqual(getPath(obj, "spec.nope.deeper"), []);
});

test("ingress routing picks the longest matching prefix and honours hosts", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create ingress shop --class=nginx --rule='shop.example.com/api*=api:80' --rule='shop.example.com/*=web:80'");
  const c = sb.cluster;
  assert.equal((routeIngress(c, "default", "shop", "shop.example.com", "/api/items") as any).service, "api");
  assert.equal((routeIngress(c, "default", "shop", "shop.example.com", "/apis") as any).service, "web");
  assert.equal((routeIngress(c, "default", "shop", "shop.example.com", "/") as any).service, "web");
  assert.match(routeIngress(c, "default", "shop", "other.example.com", "/") as string, /맞는 인그레스 규칙이 없습니다/);
});

test("rollout, image, count, podReady, event and command checks fail with what is missing", async () => {
  const lab = parseLab(LAB);
  const { sb, prep } = await solved(lab);
  const n = prep.params.replicas as number;
  await typeAll(sb, ["kubectl set image deployment/web nginx=nginx:9.99", "kubectl scale deployment web --replicas=1"]);
  const r = await gradeLab(sb, lab);
  const c = Object.fromEntries(r.tasks[0].checks.map((x) => [x.checkId, x]));
  assert.equal(c.rollout.passed, false);
  assert.match(c.rollout.hint, /nginx:1\.27\(으\)로 바꾸세요/);
  assert.match(c.rollout.found, /이미지 nginx:9\.99/);
  assert.equal(c.image.passed, false);
  assert.match(c.image.found, /^현재 .*nginx:9\.99/);
  assert.equal(c.exists.passed, false);
  assert.match(c.exists.found, /spec\.replicas = 1/);
  const wrongCount = parseLab(LAB.replace('expected: "{{replicas}}"}', "expected: 7}"));
  const cnt = (await gradeLab(sb, wrongCount, prep.params)).tasks[0].checks.find((x) => x.checkId === "count")!;
  assert.equal(cnt.passed, false);
  assert.match(cnt.expected, /셀렉터 app=web\) 정확히 7개/);
  assert.match(cnt.found, /^\d+개: web-/);
  assert.ok(n === 2 || n === 3);
  assert.equal(c.cmd.passed, false);
  assert.match(c.cmd.found, /^"1"/);
  assert.equal(c.ready.passed, false);
  assert.match(c.ready.found, /Ready 1개/);
  const ev = await gradeLab(sb, instantiateLab(lab, prep.params), prep.params);
  assert.equal(ev.tasks[0].checks.find((x) => x.checkId === "event")!.passed, true);
  // An event that never happened.
  const noEvent = parseLab(LAB.replace("reason: ScalingReplicaSet", "reason: NeverHappened"));
  const r2 = await gradeLab(sb, noEvent, prep.params);
  const e2 = r2.tasks[0].checks.find((x) => x.checkId === "event")!;
  assert.equal(e2.passed, false);
  assert.equal(e2.found, "해당 이벤트가 없습니다");
});

test("learnerView hides solutions, wrong answers and check internals", async () => {
  const { learnerView, labExplanation } = await import("../../../lab-engine/grader/index.ts");
  const lab = parseLab(LAB);
  const v = learnerView(lab, { replicas: 3 });
  const text = JSON.stringify(v);
  assert.ok(!text.includes("solution") && !text.includes("kubectl expose") && !text.includes("failsCheck"));
  assert.deepEqual(v.tasks[0].checks[0], { id: "exists" });
  assert.deepEqual(v.tasks[0].hints, ["힌트"]);
  assert.equal(labExplanation(lab), "설명");
});

test("command checks ignore the learner's aliases and shell functions", async () => {
  const lab = parseLab(LAB);
  const { sb, prep } = await solved(lab);
  await typeAll(sb, ["alias kubectl='echo 99'", "grep() { echo hacked; }"]);
  const r = await gradeLab(sb, lab);
  const cmd = r.tasks[0].checks.find((x) => x.checkId === "cmd")!;
  assert.equal(cmd.passed, true, cmd.found);
  assert.equal(cmd.found, `"${prep.params.replicas}" (종료 코드 0)`);
  assert.equal((await sb.run("kubectl get deploy web")).stdout, "99 get deploy web\n");
});

test("ensureLabTemplate rebuilds the template a snapshot names, with its parameters", async () => {
  const { ensureLabTemplate } = await import("../../../lab-engine/grader/lab-setup.ts");
  const lab = parseLab(LAB);
  const prep = await prepareLabTemplate(lab, 5);
  const sb = Sandbox.create({ seed: 5, clock: new VirtualClock(), setup: prep.setup, labId: lab.id });
  const again = await ensureLabTemplate(lab, sb.snapshot().setup);
  assert.deepEqual(again.params, prep.params);
  assert.deepEqual(again.setup, prep.setup);
  const restored = Sandbox.restore(sb.snapshot(), new VirtualClock());
  assert.deepEqual((await gradeLab(restored, lab)).params, prep.params);
});
