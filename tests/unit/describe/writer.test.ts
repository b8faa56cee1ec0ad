import { test } from "node:test";
import assert from "node:assert/strict";
import { printAnnotationsMultiline, printLabelsMultiline, printPodTolerationsMultiline, printTaintsMultilineWithIndent, tabbed } from "../../../lab-engine/kubectl/describe/writer.ts";
import { describeEvents } from "../../../lab-engine/kubectl/describe/events.ts";

test("labels are sorted and continuation lines align under the first value", () => {
  const out = tabbed((w) => printLabelsMultiline(w, "Labels", { b: "2", a: "1" }));
  assert.equal(out, "Labels:  a=1\n         b=2\n");
  assert.equal(tabbed((w) => printLabelsMultiline(w, "Labels", {})), "Labels:  <none>\n");
});

test("annotations: last-applied-configuration is skipped, long and multi-line values are wrapped", () => {
  const long = "y".repeat(200);
  const out = tabbed((w) =>
    printAnnotationsMultiline(w, "Annotations", { "kubectl.kubernetes.io/last-applied-configuration": "{}", z: "a\nb\n", k: long, short: "v" }),
  );
  assert.equal(out, `Annotations:  k:\n                ${"y".repeat(138)}...\n              short: v\n              z:\n                a\n                b\n`);
  assert.equal(tabbed((w) => printAnnotationsMultiline(w, "Annotations", { "kubectl.kubernetes.io/last-applied-configuration": "{}" })), "Annotations:  <none>\n");
});

test("tolerations and taints print like kubectl", () => {
  const out = tabbed((w) =>
    printPodTolerationsMultiline(w, "Tolerations", [
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { operator: "Exists" },
      { key: "k", operator: "Equal", value: "v", effect: "NoSchedule" },
    ]),
  );
  assert.equal(out, "Tolerations:  op=Exists\n              k=v:NoSchedule\n              node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n");
  const t = tabbed((w) => printTaintsMultilineWithIndent(w, "", "Taints", "\t", [{ key: "b", effect: "NoSchedule" }, { key: "a", value: "x", effect: "NoExecute" }]));
  assert.equal(t, "Taints:  a=x:NoExecute\n         b:NoSchedule\n");
});

test("events: sorted by lastTimestamp, repeated ones show (xN over first-seen), From falls back to reportingComponent", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  const at = (s: number) => new Date(now - s * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  const ev = (reason: string, last: number, extra: any = {}) => ({
    apiVersion: "v1", kind: "Event", metadata: { name: reason, namespace: "default" }, type: "Normal", reason, message: ` ${reason} msg `,
    source: { component: "kubelet" }, firstTimestamp: at(600), lastTimestamp: at(last), count: 1, ...extra,
  });
  const out = tabbed((w) =>
    describeEvents(
      [
        ev("Late", 10, { count: 3 }),
        ev("Early", 600),
        ev("Series", 0, { source: {}, reportingComponent: "default-scheduler", firstTimestamp: null, lastTimestamp: null, eventTime: at(300) + "", series: { count: 4, lastObservedTime: at(20) } }),
      ] as any,
      w,
      now,
    ),
  );
  assert.equal(
    out,
    "Events:\n" +
      "  Type    Reason  Age                From               Message\n" +
      "  ----    ------  ----               ----               -------\n" +
      "  Normal  Series  20s (x4 over 5m)   default-scheduler  Series msg\n" +
      "  Normal  Early   10m                kubelet            Early msg\n" +
      "  Normal  Late    10s (x3 over 10m)  kubelet            Late msg\n",
  );
});
