import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const sandbox = () => Sandbox.create({ seed: 1, clock: new VirtualClock() });
const SA = "system:serviceaccount:default:sa";

test("RBAC: denial texts, can-i, whoami, bindings and tokens", async () => {
  const sb = sandbox();
  await sb.run("kubectl create sa sa");
  assert.deepEqual(await sb.run(`kubectl auth can-i list pods --as=${SA}`), { stdout: "no\n", stderr: "", exitCode: 1 });
  assert.equal((await sb.run(`kubectl get pods --as=${SA}`)).stderr, `Error from server (Forbidden): pods is forbidden: User "${SA}" cannot list resource "pods" in API group "" in the namespace "default"\n`);
  assert.equal((await sb.run(`kubectl get nodes --as=${SA}`)).stderr, `Error from server (Forbidden): nodes is forbidden: User "${SA}" cannot list resource "nodes" in API group "" at the cluster scope\n`);
  await sb.run("kubectl create role r --verb=get,list --resource=pods");
  await sb.run("kubectl create rolebinding rb --role=r --serviceaccount=default:sa");
  assert.equal((await sb.run(`kubectl auth can-i list pods --as=${SA}`)).stdout, "yes\n");
  assert.equal((await sb.run(`kubectl auth can-i list pods -n kube-system --as=${SA}`)).exitCode, 1);
  assert.equal((await sb.run("kubectl auth can-i '*' '*'")).stdout, "yes\n");
  // kube-apiserver 1.31+ adds the client certificate's fingerprint as a credential id.
  assert.match((await sb.run("kubectl auth whoami")).stdout, /^ATTRIBUTE {43}VALUE\nUsername {44}kubernetes-admin\nGroups {46}\[kubeadm:cluster-admins system:authenticated\]\nExtra: authentication\.kubernetes\.io\/credential-id   \[X509SHA256=[0-9a-f]{64}\]\n$/);
  await sb.run("TOKEN=$(kubectl create token sa)");
  // create_token.go: return fmt.Errorf("failed to create token: %v", err) -- a plain error, not "Error from server".
  assert.deepEqual(await sb.run("kubectl create token nope"), { stdout: "", stderr: 'error: failed to create token: serviceaccounts "nope" not found\n', exitCode: 1 });
  // --duration sets exp - iat; the server refuses less than 10 minutes; kubectl refuses < 0 and sub-second units.
  const lifetime = async (flags: string) => {
    const payload = (await sb.run(`kubectl create token sa ${flags}`)).stdout.split(".")[1];
    const claims = JSON.parse(Buffer.from(payload.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString());
    return claims.exp - claims.iat;
  };
  assert.equal(await lifetime(""), 3600);
  assert.equal(await lifetime("--duration=2h"), 7200);
  assert.equal(await lifetime("--duration=0"), 3600);
  assert.equal((await sb.run("kubectl create token sa --duration=5m")).stderr, 'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n');
  assert.equal((await sb.run("kubectl create token sa --duration=-1h")).stderr, "error: --duration must be greater than or equal to 0\n");
  assert.equal((await sb.run("kubectl create token sa --duration=1500ms")).stderr, "error: --duration cannot be expressed in units less than seconds\n");
  assert.equal((await sb.run("kubectl run x --image=nginx --token=$TOKEN")).stderr, `Error from server (Forbidden): pods is forbidden: User "${SA}" cannot create resource "pods" in API group "" in the namespace "default"\n`);
  await sb.run("kubectl config set-credentials sa --token=$TOKEN");
  await sb.run("kubectl config set-context sa --cluster=kubernetes --user=sa");
  assert.match((await sb.run("kubectl --context=sa auth whoami")).stdout, /^Username +system:serviceaccount:default:sa\nUID +[0-9a-f-]{36}\nGroups +\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]\nExtra: authentication\.kubernetes\.io\/credential-id   \[JTI=[0-9a-f-]{36}\]$/m);
  await sb.run("kubectl create clusterrolebinding crb --clusterrole=cluster-admin --serviceaccount=default:sa");
  assert.equal((await sb.run(`kubectl auth can-i list secrets -A --as=${SA}`)).stdout, "yes\n");
});

test("wait, debug, completion", async () => {
  const sb = sandbox();
  await sb.run("kubectl run myweb --image=nginx:1.25.1-alpine");
  assert.deepEqual(await sb.run("kubectl wait --for=condition=Ready pod/myweb --timeout=120s"), { stdout: "pod/myweb condition met\n", stderr: "", exitCode: 0 });
  assert.equal((await sb.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/myweb")).stdout, "pod/myweb condition met\n");
  assert.equal((await sb.run("kubectl wait --for=condition=Foo pod/myweb --timeout=5s")).stderr, "error: timed out waiting for the condition on pods/myweb\n");
  const d = await sb.run("true | kubectl debug myweb -it --image=busybox:1.36 --target=myweb -- sh -c 'echo debugging'");
  assert.equal(d.stdout, "debugging\n");
  assert.match(d.stderr, /^Defaulting debug container name to debugger-[a-z0-9]{5}\.\nUnable to use a TTY/);
  assert.equal((await sb.run("kubectl get pod myweb -o jsonpath='{.spec.ephemeralContainers[0].image} {.spec.ephemeralContainers[0].targetContainerName}'")).stdout, "busybox:1.36 myweb");
  await sb.run("source <(kubectl completion bash)");
  assert.equal((await sb.run("type -t __start_kubectl")).stdout, "function\n");
});
