import { test } from "node:test";
import assert from "node:assert/strict";
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
