import { test } from "node:test";
import assert from "node:assert/strict";
import { strictDecode, decodeErrorMessage, strictWarnings, QUANTITY_REGEX_ERROR } from "../../../lab-engine/api/schema/validate.ts";
import { definitionFor, knownKinds } from "../../../lab-engine/api/schema/table.ts";

const pod = (c: any) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "typo", namespace: "default" }, spec: { containers: [c] } });

test("table covers the served kinds", () => {
  assert.equal(definitionFor("apps/v1", "Deployment"), "io.k8s.api.apps.v1.Deployment");
  assert.equal(definitionFor("v1", "Pod"), "io.k8s.api.core.v1.Pod");
  const kinds = knownKinds().map((k) => `${k.group}/${k.version}/${k.kind}`);
  for (const k of ["batch/v1/CronJob", "networking.k8s.io/v1/Ingress", "rbac.authorization.k8s.io/v1/RoleBinding", "autoscaling/v2/HorizontalPodAutoscaler", "policy/v1/PodDisruptionBudget", "storage.k8s.io/v1/StorageClass", "/v1/ConfigMap"]) {
    assert.ok(kinds.includes(k), k);
  }
});

test("unknown field: exact 1.32 server text (transcripts/errors.txt)", () => {
  const obj = pod({ name: "c", image: "nginx", imagePullPolicy: "IfNotPresent", port: 80 });
  assert.deepEqual(strictDecode("Pod", "v1", obj), ['unknown field "spec.containers[0].port"']);
  assert.equal(
    decodeErrorMessage("Pod", "v1", obj),
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].port"',
  );
  assert.equal(
    "Error from server (BadRequest): error when creating \"manifests/bad-unknown-field.yaml\": " + decodeErrorMessage("Pod", "v1", obj),
    'Error from server (BadRequest): error when creating "manifests/bad-unknown-field.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].port"',
  );
  assert.deepEqual(strictWarnings("Pod", "v1", obj), ['unknown field "spec.containers[0].port"']);
  assert.equal(decodeErrorMessage("Pod", "v1", obj, false), undefined);
});

test("several unknown fields are joined with ', ' in document order", () => {
  const d = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", lables: { a: "b" } },
    spec: { replica: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "n", image: "nginx", ports: [{ containerport: 80 }] }] } } },
  };
  assert.equal(
    decodeErrorMessage("Deployment", "apps/v1", d),
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.lables", unknown field "spec.replica", unknown field "spec.template.spec.containers[0].ports[0].containerport"',
  );
});

test("JSON type errors use Go encoding/json texts and win over strict errors", () => {
  const d = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas: "3", bogus: 1, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [] } } },
  };
  assert.equal(
    decodeErrorMessage("Deployment", "apps/v1", d),
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  assert.deepEqual(strictDecode("Pod", "v1", pod({ name: "c", image: "nginx", ports: [{ containerPort: "80" }] })), [
    "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
  ]);
  assert.deepEqual(strictDecode("Pod", "v1", { apiVersion: "v1", kind: "Pod", metadata: { name: "x", labels: { tier: 1 } } }), [
    "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
  ]);
  assert.deepEqual(strictDecode("Pod", "v1", { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: { containers: { name: "a" } } }), [
    "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
  ]);
  assert.deepEqual(strictDecode("Pod", "v1", { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, spec: "nope" }), [
    "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec",
  ]);
});

test("quantities and int-or-string", () => {
  const bad = pod({ name: "c", image: "nginx", resources: { limits: { memory: "128MB" } } });
  assert.deepEqual(strictDecode("Pod", "v1", bad), [QUANTITY_REGEX_ERROR]);
  const ok = pod({ name: "c", image: "nginx", resources: { limits: { memory: "128Mi", cpu: 0.5 } }, livenessProbe: { httpGet: { port: "http" } } });
  assert.deepEqual(strictDecode("Pod", "v1", ok), []);
});

test("status, metadata system fields and unknown kinds pass", () => {
  assert.deepEqual(strictDecode("Pod", "v1", { apiVersion: "v1", kind: "Pod", metadata: { name: "x", uid: "u", resourceVersion: "1", managedFields: [] }, status: { phase: "Running" } }), []);
  assert.deepEqual(strictDecode("Widget", "example.com/v1", { spec: { anything: 1 } }), []);
});

test("secret data must be base64 (Go base64.StdEncoding offsets)", async () => {
  const { base64ErrorOffset } = await import("../../../lab-engine/api/schema/validate.ts");
  assert.equal(base64ErrorOffset("cGFzc3dvcmQ="), undefined);
  assert.equal(base64ErrorOffset("password"), undefined);
  assert.equal(base64ErrorOffset("admin"), 4);
  assert.equal(base64ErrorOffset("abc"), 0);
  assert.equal(base64ErrorOffset("my-password"), 2);
  assert.equal(base64ErrorOffset("YQ="), 3);
  const s = { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, data: { user: "admin" } };
  assert.equal(decodeErrorMessage("Secret", "v1", s), 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
  assert.equal(decodeErrorMessage("Secret", "v1", { ...s, data: { user: "YWRtaW4=" }, stringData: { pw: "plain!" } }), undefined);
});

test("status subtree is not strictly decoded (engine bookkeeping lives there)", () => {
  assert.deepEqual(strictDecode("Pod", "v1", { apiVersion: "v1", kind: "Pod", metadata: { name: "x" }, status: { containerStatuses: [{ startAt: 5 }], phase: 3 } }), []);
});
