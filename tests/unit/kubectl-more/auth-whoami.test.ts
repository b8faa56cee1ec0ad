import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

// kubectl 1.32 whoami.go: PrintFlags("") with a type setter; the table is printTableSelfSubjectAccessReview.
test("kubectl auth whoami: SelfSubjectReview as yaml/json/jsonpath/name, impersonation and tokens", async () => {
  const sb = Sandbox.create({ seed: 5, clock: new VirtualClock() });
  const yaml = (await sb.run("kubectl auth whoami -o yaml")).stdout;
  assert.match(yaml, /^apiVersion: authentication\.k8s\.io\/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\nstatus:\n  userInfo:\n    extra:\n      authentication\.kubernetes\.io\/credential-id:\n      - X509SHA256=[0-9a-f]{64}\n    groups:\n    - kubeadm:cluster-admins\n    - system:authenticated\n    username: kubernetes-admin\n$/);
  const json = (await sb.run("kubectl auth whoami -o json")).stdout;
  assert.match(json, /^\{\n    "kind": "SelfSubjectReview",\n    "apiVersion": "authentication\.k8s\.io\/v1",\n    "metadata": \{\n        "creationTimestamp": "[^"]+"\n    \},\n    "status": \{\n        "userInfo": \{\n            "username": "kubernetes-admin",\n            "groups": \[\n/);
  // Same certificate, same fingerprint.
  assert.equal(JSON.parse(json).status.userInfo.extra["authentication.kubernetes.io/credential-id"][0], /X509SHA256=[0-9a-f]{64}/.exec(yaml)![0]);
  assert.equal((await sb.run("kubectl auth whoami -o jsonpath='{.status.userInfo.groups[0]}'")).stdout, "kubeadm:cluster-admins");
  assert.equal((await sb.run("kubectl auth whoami -o name")).stdout, "selfsubjectreview.authentication.k8s.io/<unknown>\n");
  assert.equal((await sb.run("kubectl auth whoami -o wide")).stderr, 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  // Impersonation replaces the user: no credential id.
  assert.equal((await sb.run("kubectl auth whoami --as=bob")).stdout, "ATTRIBUTE   VALUE\nUsername    bob\nGroups      [system:authenticated]\n");
  assert.equal((await sb.run("kubectl auth whoami --as=bob --as-group=dev -o jsonpath='{.status.userInfo.groups}'")).stdout, '["dev","system:authenticated"]');
  // A service account token: the account's UID and the token's JTI.
  await sb.run("kubectl create sa robot");
  await sb.run("TOKEN=$(kubectl create token robot)");
  const uid = (await sb.run("kubectl get sa robot -o jsonpath='{.metadata.uid}'")).stdout;
  const out = (await sb.run("kubectl auth whoami --token=$TOKEN")).stdout;
  assert.match(out, new RegExp(`^ATTRIBUTE +VALUE\\nUsername +system:serviceaccount:default:robot\\nUID +${uid}\\nGroups +\\[system:serviceaccounts system:serviceaccounts:default system:authenticated\\]\\nExtra: authentication\\.kubernetes\\.io/credential-id   \\[JTI=[0-9a-f-]{36}\\]\\n$`));
});
