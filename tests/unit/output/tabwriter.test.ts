import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatTable, tabwrite, newDescribeTabWriter, newGetTabWriter } from "../../../lab-engine/kubectl/output/tabwriter.ts";

test("kubectl get table (real kubectl get pods -A against kubectl-probe seed)", () => {
  const rows = [
    ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    ["default", "pod/web-7d8b49557c-4xk2m", "1/1", "Running", "0", "12m"],
    ["default", "pod/big", "0/1", "Pending", "0", "5m1s"],
    ["default", "pod/crash", "0/1", "Running", "4", "3m21s"],
  ];
  assert.equal(formatTable(rows),
    "NAMESPACE   NAME                       READY   STATUS    RESTARTS   AGE\n" +
    "default     pod/web-7d8b49557c-4xk2m   1/1     Running   0          12m\n" +
    "default     pod/big                    0/1     Pending   0          5m1s\n" +
    "default     pod/crash                  0/1     Running   4          3m21s\n");
  // minwidth 6: short columns still take 6+... (NAME AGE)
  assert.equal(formatTable([["NAME", "AGE"], ["x", "1s"]]), "NAME   AGE\nx      1s\n");
});

test("describe blocks are aligned independently", () => {
  const w = newDescribeTabWriter();
  w.write("Name:\tweb\n");
  w.write("Node:\tkind-worker/172.18.0.3\n");
  w.write("IPs:\n");
  w.write("  IP:\t10.244.1.7\n");
  w.write("Controlled By:\tReplicaSet/web\n");
  w.write("Conditions:\n  Type\tStatus\n  PodReadyToStartContainers \tTrue \n  Ready \tTrue \n");
  assert.equal(w.flush(),
    "Name:  web\n" +
    "Node:  kind-worker/172.18.0.3\n" +
    "IPs:\n" +
    "  IP:           10.244.1.7\n" +
    "Controlled By:  ReplicaSet/web\n" +
    "Conditions:\n" +
    "  Type                        Status\n" +
    "  PodReadyToStartContainers   True \n" +
    "  Ready                       True \n");
});

test("rune widths and trailing partial line", () => {
  assert.equal(tabwrite("이름\tx\nab\ty", { minwidth: 0, tabwidth: 8, padding: 2 }), "이름  x\nab  y");
});

test("RememberWidths keeps column widths across flushes (watch)", () => {
  const w = newGetTabWriter();
  w.write("NAME\tREADY\tSTATUS\nweb-123456789\t1/1\tRunning\n");
  const first = w.flush();
  w.write("x\t0/1\tPending\n");
  assert.equal(first, "NAME            READY   STATUS\nweb-123456789   1/1     Running\n");
  assert.equal(w.flush(), "x               0/1     Pending\n");
});

test("describe deployment layout (kubectl-probe golden/describe-2.txt, first 27 lines)", () => {
  const golden = readFileSync(new URL("./fixtures/describe-deployment.txt", import.meta.url), "utf8").split("\n").slice(0, 27).join("\n") + "\n";
  const w = newDescribeTabWriter();
  w.write("Name:\tweb\nNamespace:\tdefault\nCreationTimestamp:\tSat, 21 Nov 2026 22:10:00 +0000\nLabels:\tapp=web\n");
  w.write("Annotations:\tdeployment.kubernetes.io/revision: 1\nSelector:\tapp=web\n");
  w.write("Replicas:\t3 desired | 3 updated | 3 total | 3 available | 0 unavailable\nStrategyType:\tRollingUpdate\n");
  w.write("MinReadySeconds:\t0\nRollingUpdateStrategy:\t25% max unavailable, 25% max surge\n");
  w.write("Pod Template:\n  Labels:\tapp=web\n  Containers:\n   nginx:\n");
  w.write("    Image:\tnginx:1.27\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n");
  w.write("    Limits:\n      memory:\t128Mi\n    Requests:\n      cpu:\t100m\n      memory:\t64Mi\n");
  w.write("    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n");
  assert.equal(w.flush(), golden);
});

test("formatTable's direct path equals the tabwriter on uniform tables (random, with Korean and emoji)", () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const alphabet = ["a", "bb", "", "파드", "😀", "x y", "Running", "0/1", "<none>"];
  for (let k = 0; k < 500; k++) {
    const cols = 1 + rnd(6);
    const rows = Array.from({ length: 1 + rnd(8) }, () => Array.from({ length: cols }, () => Array.from({ length: rnd(4) }, () => alphabet[rnd(alphabet.length)]).join("")));
    const viaWriter = tabwrite(rows.map((r) => r.join("\t") + "\n").join(""), { minwidth: 6, tabwidth: 4, padding: 3, rememberWidths: true });
    assert.equal(formatTable(rows), viaWriter);
  }
});
