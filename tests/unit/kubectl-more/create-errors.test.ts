import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const sandbox = () => Sandbox.create({ seed: 1, clock: new VirtualClock() });

test("kubectl create generators: which wrap the API error (create_*.go) and which print it as is", async () => {
  const sb = sandbox();
  const err = async (cmd: string) => {
    const r = await sb.run(cmd);
    assert.equal(r.exitCode, 1, cmd);
    return r.stderr;
  };
  // create_service.go: fmt.Errorf("failed to create %s service: %v", o.Type, err) for every error.
  assert.equal((await sb.run("kubectl create service nodeport web --tcp=80:80 --node-port=30080")).stdout, "service/web created\n");
  assert.equal(await err("kubectl create service nodeport web2 --tcp=80:80 --node-port=30080"), 'error: failed to create NodePort service: Service "web2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  assert.equal(await err("kubectl create service clusterip web --tcp=80:80"), 'error: failed to create ClusterIP service: services "web" already exists\n');
  // The same allocator error through create -f is a plain Invalid status: "The Service ... is invalid".
  await sb.run("kubectl create service nodeport web3 --tcp=80:80 --node-port=30080 --dry-run=client -o yaml > s.yaml");
  assert.equal(await err("kubectl create -f s.yaml"), 'The Service "web3" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  // Other wrapped generators, including non-AlreadyExists errors and the plural pdb label.
  assert.equal(await err("kubectl create deployment d --image=nginx --as=jane"), 'error: failed to create deployment: deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"\n');
  await sb.run("kubectl create pdb p --selector=app=x --min-available=1");
  assert.equal(await err("kubectl create pdb p --selector=app=x --min-available=1"), 'error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "p" already exists\n');
  // create_namespace.go, create_role.go, create_clusterrole.go return the API error unwrapped.
  assert.equal(await err("kubectl create namespace default"), 'Error from server (AlreadyExists): namespaces "default" already exists\n');
  await sb.run("kubectl create role r --verb=get --resource=pods");
  assert.equal(await err("kubectl create role r --verb=get --resource=pods"), 'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists\n');
  assert.equal(await err("kubectl create clusterrole view --verb=get --resource=pods"), 'Error from server (AlreadyExists): clusterroles.rbac.authorization.k8s.io "view" already exists\n');
});

test("kubectl expose: MapBasedSelectorForObject's texts for a pod without labels and a service without selector", async () => {
  const sb = sandbox();
  await sb.run("kubectl create -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers:\n  - name: c\n    image: nginx\nEOF");
  assert.deepEqual(await sb.run("kubectl expose pod bare --port=80"), { stdout: "", stderr: "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n", exitCode: 1 });
  await sb.run("kubectl create -f - <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: nosel\nspec:\n  ports:\n  - port: 80\nEOF");
  assert.deepEqual(await sb.run("kubectl expose service nosel --port=80 --name=again"), { stdout: "", stderr: "error: couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set\n", exitCode: 1 });
});

test("kubectl exec ls in a busybox image: busybox's error text and exit 1; GNU's in a Debian image", async () => {
  const sb = sandbox();
  await sb.run("kubectl run bb --image=busybox -- sleep 3600");
  await sb.run("kubectl run deb --image=nginx");
  await sb.run("kubectl wait --for=condition=Ready pod/bb pod/deb --timeout=90s");
  assert.deepEqual(await sb.run("kubectl exec bb -- ls /nope"), { stdout: "", stderr: "ls: /nope: No such file or directory\ncommand terminated with exit code 1\n", exitCode: 1 });
  assert.deepEqual(await sb.run("kubectl exec deb -- ls /nope"), { stdout: "", stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n", exitCode: 2 });
});
