// Shared input files for the golden text-command tests (mounted under /root, the cwd).
import { MemFS } from "./harness.ts";

export const FILES: Record<string, string> = {
  "pods.txt": `NAME                     READY   STATUS    RESTARTS   AGE
web-7d8b49557c-4xk2m     1/1     Running   0          12m
web-7d8b49557c-9qz8p     1/1     Running   2          12m
db-0                     0/1     Pending   0          3m
api-5f6d7c8b9-abcde      0/1     CrashLoopBackOff   5          20m
`,
  "f1": "a b\nc d e\nf\n",
  "nums": "10\n2\n33\n2\n-1\n1.5\n",
  "passwd": "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nuser:x:1000:1000:User,,,:/home/user:/bin/bash\n",
  "noeol": "one\ntwo",
  "sub/a.txt": "hello world\nfoo\n",
  "sub/b.log": "Hello again\n",
  "pod.json": JSON.stringify({ apiVersion: "v1", kind: "List", items: [
    { metadata: { name: "web-1", namespace: "default", labels: { app: "web" } }, status: { phase: "Running", containerStatuses: [{ restartCount: 0, ready: true }] }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
    { metadata: { name: "db-0", namespace: "prod", labels: { app: "db", tier: "backend" } }, status: { phase: "Pending" }, spec: { containers: [{ name: "pg", image: "postgres:16" }, { name: "sidecar", image: "busybox" }] } },
  ] }, null, 2) + "\n",
};

export function fixtureFs(): MemFS {
  const o: Record<string, string> = {};
  for (const [p, c] of Object.entries(FILES)) o["/root/" + p] = c;
  return new MemFS(o);
}
