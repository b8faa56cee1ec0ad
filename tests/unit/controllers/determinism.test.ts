import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, deployment, T0 } from "./helpers.ts";
import { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function scenario(restoreAt?: number): string {
  let c = cluster();
  create(c, "deployments", deployment("web", 3, "nginx:1.27"));
  create(c, "jobs", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { completions: 2, template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3"] }] } } } });
  create(c, "cronjobs", { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "cj" }, spec: { schedule: "*/2 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1.36", command: ["true"] }] } } } } } });
  for (let s = 10; s <= 400; s += 10) {
    if (s === restoreAt) c = new Cluster(JSON.parse(JSON.stringify(c.state)));
    c.advanceTo(T0 + s * 1000);
    if (s === 50) {
      const d = JSON.parse(JSON.stringify(c.store.get("deployments", "default", "web")));
      d.spec.template.spec.containers[0].image = "nginx:1.26";
      c.api.update("deployments", d);
    }
  }
  return JSON.stringify(c.state);
}

test("same inputs give byte-identical state; a snapshot restore mid-way changes nothing", () => {
  const a = scenario();
  assert.equal(scenario(), a);
  assert.equal(scenario(60), a);
  assert.equal(scenario(130), a);
});
