// `kubectl create role` with subresources (pods/log, deployments.apps/scale), as kubectl 1.32
// accepts them: the subresource after the first "/", the API group after the first ".".

import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "../scenarios/harness.ts";

test("create role --resource=pods,pods/log is accepted; the rule lists both", async () => {
  const l = new Learner(9);
  assert.equal(await l.ok("kubectl create role r --verb=get --resource=pods,pods/log"), "role.rbac.authorization.k8s.io/r created\n");
  assert.equal(
    await l.ok("kubectl create role r2 --verb=get,list --resource=pods,pods/log,deployments.apps/scale,deployments --dry-run=client -o yaml"),
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: r2
rules:
- apiGroups:
  - ""
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - list
- apiGroups:
  - apps
  resources:
  - deployments/scale
  - deployments
  verbs:
  - get
  - list
`,
  );
});
