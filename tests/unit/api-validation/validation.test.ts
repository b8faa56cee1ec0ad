import { test } from "node:test";
import assert from "node:assert/strict";
import { applyDefaults } from "../../../lab-engine/api/defaults/index.ts";
import { validateCreate, validateUpdate, invalidText, invalidStatus } from "../../../lab-engine/api/validation/index.ts";
import { formatInvalid, errorString } from "../../../lab-engine/api/validation/field.ts";
import { cronParseError } from "../../../lab-engine/api/validation/workloads.ts";

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function create(resource: string, obj: any): string | undefined {
  obj = clone(obj);
  obj.metadata.namespace ??= resource === "namespaces" ? undefined : "default";
  obj.metadata.uid ??= "11111111-2222-3333-4444-555555555555";
  applyDefaults(resource, obj);
  const errs = validateCreate(resource, obj);
  return errs.length ? invalidText(resource, obj.metadata.name, errs) : undefined;
}

function update(resource: string, oldObj: any, newObj: any): string | undefined {
  const o = clone(oldObj);
  const n = clone(newObj);
  for (const x of [o, n]) {
    x.metadata.namespace ??= "default";
    x.metadata.uid ??= "11111111-2222-3333-4444-555555555555";
    applyDefaults(resource, x);
  }
  const errs = validateUpdate(resource, n, o);
  return errs.length ? invalidText(resource, n.metadata.name, errs) : undefined;
}

const podOf = (name: string, containers: any[], extra: any = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers, ...extra } });
const deploy = (name: string, sel: any, labels: any, extra: any = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { replicas: 1, selector: sel, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx" }] } }, ...extra },
});

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

test("bad pod name (transcripts/errors.txt)", () => {
  assert.equal(create("pods", podOf("My_Pod", [{ name: "c", image: "nginx" }])), `The Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN}`);
});

test("selector does not match template labels (transcripts/errors.txt)", () => {
  assert.equal(
    create("deployments", deploy("bad", { matchLabels: { app: "web" } }, { app: "other" })),
    'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
  );
});

test("missing selector: two errors as a bullet list", () => {
  assert.equal(
    create("deployments", deploy("web", undefined, { app: "web" })),
    'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  );
});

// RegexError joins examples as "'a', " + " or " (hence ",  or" with two spaces), as real 1.32 prints.
test("container image required, pull policy enum, duplicate names, ports", () => {
  assert.equal(create("pods", podOf("p", [{ name: "c" }])), 'The Pod "p" is invalid: spec.containers[0].image: Required value');
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", imagePullPolicy: "Sometimes" }])),
    'The Pod "p" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
  );
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx" }, { name: "c", image: "busybox" }])),
    'The Pod "p" is invalid: spec.containers[1].name: Duplicate value: "c"',
  );
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", ports: [{ containerPort: 70000 }] }])),
    'The Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  );
  assert.equal(create("pods", podOf("p", [])), 'The Pod "p" is invalid: spec.containers: Required value');
  assert.equal(
    create("pods", podOf("p", [{ name: "Web", image: "nginx" }])),
    "The Pod \"p\" is invalid: spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  );
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx" }], { restartPolicy: "Sometimes" })),
    'The Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  );
});

test("resources: requests above limits", () => {
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", resources: { requests: { cpu: "1" }, limits: { cpu: "500m" } } }])),
    'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
  );
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", resources: { requests: { memory: "1024Mi" }, limits: { memory: "0.5Gi" } } }])),
    'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
  );
});

test("volume mounts must reference volumes; probes need a handler", () => {
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/data" }] }])),
    'The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
  );
  assert.equal(
    create("pods", podOf("p", [{ name: "c", image: "nginx", livenessProbe: { periodSeconds: 5 } }])),
    'The Pod "p" is invalid: spec.containers[0].livenessProbe: Required value: must specify a handler type',
  );
  assert.equal(create("pods", podOf("p", [{ name: "c", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/d" }] }], { volumes: [{ name: "data" }] })), undefined);
});

test("Job template restartPolicy defaults to Always and is rejected", () => {
  const job = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: { spec: { containers: [{ name: "pi", image: "perl" }] } } } };
  assert.equal(create("jobs", job), 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
  const ok = clone(job) as any;
  ok.spec.template.spec.restartPolicy = "Never";
  assert.equal(create("jobs", ok), undefined);
});

test("CronJob schedule", () => {
  const cj = (schedule: string) => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "c" },
    spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } } },
  });
  assert.equal(create("cronjobs", cj("*/5 * * * *")), undefined);
  assert.equal(create("cronjobs", cj("@hourly")), undefined);
  assert.equal(create("cronjobs", cj("every minute")), 'The CronJob "c" is invalid: spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]');
  assert.equal(cronParseError("0 25 * * *"), "end of range (25) above maximum (23): 25");
  assert.equal(cronParseError("x * * * *"), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
});

test("Service: name is a DNS-1035 label, nodePort range, type enum", () => {
  const svc = (name: string, spec: any) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec });
  assert.equal(
    create("services", svc("1web", { selector: { app: "web" }, ports: [{ port: 80 }] })),
    "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  );
  assert.equal(
    create("services", svc("web", { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80, nodePort: 20000 }] })),
    'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 20000: provided port is not in the valid range. The range of valid ports is 30000-32767',
  );
  assert.equal(
    create("services", svc("web", { type: "Nodeport", ports: [{ port: 80 }] })),
    'The Service "web" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  );
  assert.equal(create("services", svc("web", { selector: { app: "web" } })), 'The Service "web" is invalid: spec.ports: Required value');
  assert.equal(
    update("services", svc("web", { clusterIP: "10.96.0.10", ports: [{ port: 80 }] }), svc("web", { clusterIP: "10.96.0.11", ports: [{ port: 80 }] })),
    'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
  );
});

test("Deployment selector is immutable (1.32 Go rendering)", () => {
  const old = deploy("web", { matchLabels: { app: "web" } }, { app: "web" });
  const neu = deploy("web", { matchLabels: { app: "web2" } }, { app: "web2" });
  assert.equal(
    update("deployments", old, neu),
    'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  );
  assert.equal(update("deployments", old, { ...clone(old), spec: { ...clone(old).spec, replicas: 5 } }), undefined);
});

test("StatefulSet forbidden spec updates", () => {
  const sts = (sn: string) => ({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" },
    spec: { serviceName: sn, selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:16" }] } } },
  });
  assert.equal(create("statefulsets", sts("db")), undefined);
  assert.equal(
    update("statefulsets", sts("db"), sts("db2")),
    "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  );
});

test("Pod spec updates are forbidden except images", () => {
  const old = podOf("p", [{ name: "c", image: "nginx:1.27" }]);
  assert.equal(update("pods", old, podOf("p", [{ name: "c", image: "nginx:1.28" }])), undefined);
  const msg = update("pods", old, podOf("p", [{ name: "c", image: "nginx:1.27", ports: [{ containerPort: 80 }] }]))!;
  assert.ok(
    msg.startsWith(
      'The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{',
    ),
    msg,
  );
});

test("labels, namespaces, configmap keys, PVC", () => {
  assert.equal(
    create("pods", { ...podOf("p", [{ name: "c", image: "nginx" }]), metadata: { name: "p", labels: { app: "my app" } } }),
    "The Pod \"p\" is invalid: metadata.labels: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
  assert.match(create("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "Dev" } })!, /^The Namespace "Dev" is invalid: metadata.name: Invalid value: "Dev": a lowercase RFC 1123 label must consist of/);
  assert.match(create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "a b": "x" } })!, /^The ConfigMap "c" is invalid: data: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.'/);
  assert.equal(
    create("persistentvolumeclaims", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "d" }, spec: {} }),
    'The PersistentVolumeClaim "d" is invalid: \n* spec.accessModes: Required value: at least 1 access mode is required\n* spec.resources[storage]: Required value',
  );
});

test("status message and causes for the Status body", () => {
  const errs = validateCreate("deployments", applyDefaults("deployments", { ...deploy("bad", { matchLabels: { app: "web" } }, { app: "other" }), metadata: { name: "bad", namespace: "default", uid: "u" } } as any));
  const s = invalidStatus("deployments", "bad", errs);
  assert.equal(s.message, 'Deployment.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
  assert.deepEqual(s.details.causes, [
    { reason: "FieldValueInvalid", message: 'Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`', field: "spec.template.metadata.labels" },
  ]);
  assert.equal(errorString({ type: "Required", field: "spec.x", detail: "" }), "spec.x: Required value");
  assert.equal(formatInvalid("Pod", "x", []), 'The Pod "x" is invalid');
});

test("schemaPolicy adapter: ApiError Invalid with details and kubectl text", async () => {
  const { schemaPolicy } = await import("../../../lab-engine/api/validation/policy.ts");
  const obj: any = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", uid: "u" }, spec: { containers: [{ name: "c" }, { name: "d", image: "x", env: [{ name: "A=B", value: "1" }] }] } };
  schemaPolicy.applyDefaults("pods", obj);
  const err: any = schemaPolicy.validateCreate("pods", obj);
  assert.equal(err.reason, "Invalid");
  assert.equal(err.code, 422);
  assert.equal(err.message, 'Pod "p" is invalid: [spec.containers[0].image: Required value, spec.containers[1].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\']');
  assert.equal(
    err.kubectlText(),
    'The Pod "p" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
  );
  assert.equal(err.details.kind, "Pod");
  assert.equal(err.details.causes[0].reason, "FieldValueRequired");
  obj.spec.containers[0].image = "nginx";
  obj.spec.containers[1].env[0].name = "A";
  assert.equal(schemaPolicy.validateCreate("pods", obj), undefined);
});

test("dots in DNS labels and the pod-name warning (1.32 IsDNS1123Label)", async () => {
  const { createWarnings } = await import("../../../lab-engine/api/validation/index.ts");
  assert.deepEqual(createWarnings("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "my.pod" } } as any), [
    "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
  ]);
  assert.deepEqual(createWarnings("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [] } } as any), []);
  assert.equal(create("pods", podOf("p", [{ name: "my.app", image: "nginx" }])), 'The Pod "p" is invalid: spec.containers[0].name: Invalid value: "my.app": must not contain dots');
});

test("pod update diff (go-cmp approximation)", () => {
  const old = podOf("p", [{ name: "c", image: "nginx:1.27" }]);
  const msg = update("pods", old, podOf("p", [{ name: "c", image: "nginx:1.27", ports: [{ containerPort: 80 }] }]))!;
  const diff = msg.split("\n").slice(1).join("\n");
  assert.equal(
    diff,
    [
      "  core.PodSpec{",
      "  \tContainers: []core.Container{",
      "  \t\t{",
      "  \t\t\t... // 6 identical fields",
      "- \t\t\tPorts: nil,",
      '+ \t\t\tPorts: []core.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}},',
      "  \t\t},",
      "  \t},",
      "  \t... // 8 identical fields",
      "  }",
      "",
    ].join("\n"),
  );
});

test("ingress basics and quota resource names", () => {
  const ing = (spec: any) => ({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, spec });
  assert.equal(
    create("ingresses", ing({ rules: [{ http: { paths: [{ path: "/", backend: { service: { name: "web", port: { number: 80 } } } }] } }] })),
    'The Ingress "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
  );
  assert.equal(create("ingresses", ing({ rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] })), undefined);
  assert.equal(create("ingresses", ing({})), 'The Ingress "i" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  assert.equal(
    create("resourcequotas", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pod: "10" } } }),
    'The ResourceQuota "q" is invalid: spec.hard[pod]: Invalid value: "pod": must be a standard resource type or fully qualified',
  );
  assert.equal(create("resourcequotas", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods: "10", "requests.cpu": "2", "count/deployments.apps": "3" } } }), undefined);
});

test("schemaPolicy.decode: BadRequest strict decoding", async () => {
  const { schemaPolicy } = await import("../../../lab-engine/api/validation/policy.ts");
  const err: any = schemaPolicy.decode!("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "typo" }, spec: { containers: [{ name: "c", image: "nginx", port: 80 }] } } as any);
  assert.equal(err.reason, "BadRequest");
  assert.equal(err.code, 400);
  assert.equal(err.message, 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].port"');
  assert.equal(schemaPolicy.decode!("pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "ok" }, spec: { containers: [{ name: "c", image: "nginx" }] } } as any), undefined);
});
