// Container scripts as CKAD tasks write them, and what busybox sh prints for them (checked
// against /bin/sh and GNU tools on a Linux host): ${#var} and ${var#pat}, printf reusing its
// format, `cmd < file`, output without a newline continued by the next command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { scriptLogs } from "./script-pods.ts";

const logsOf = scriptLogs;

test("parameter length and prefix/suffix removal", async () => {
  assert.deepEqual(await logsOf(["name=world; echo \"${#name} ${#unset}\"", "f=/a/b.tar.gz; echo ${f#*/} ${f##*/} ${f%.*} ${f%%.*}"]), ["5 0\n", "a/b.tar.gz b.tar.gz /a/b.tar /a/b\n"]);
});

test("printf reuses its format for the remaining arguments; output without a newline joins the next", async () => {
  assert.deepEqual(
    await logsOf([
      "printf '%s\\n' pear apple fig",
      "printf '%s\\n' pear apple fig | sort | tr '\\n' ' '; echo",
      "printf '%-5s|%3d\\n' ab 7 cd 12",
      "echo -n a; echo b; printf x; printf 'y\\nz\\n'",
    ]),
    ["pear\napple\nfig\n", "apple fig pear \n", "ab   |  7\ncd   | 12\n", "ab\nxy\nz\n"],
  );
});

test("input redirection from a file, also inside $( )", async () => {
  assert.deepEqual(
    await logsOf(["printf 'a\\nb\\n' > /tmp/f; echo \"lines: $(wc -l < /tmp/f)\"; tr a-z A-Z < /tmp/f", "wc -l < /nope; echo rc=$?"]),
    ["lines: 2\nA\nB\n", "sh: can't open '/nope': No such file or directory\nrc=1\n"],
  );
});

test("resourceFieldRef with the API's default divisor \"0\" gives the value in bytes and cores", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  sb.fs.writeFile(
    "/root/p.yaml",
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: main\n    image: busybox\n    command: ["sh", "-c", "sleep 3600"]\n    resources:\n      limits:\n        memory: 64Mi\n        cpu: 500m\n    env:\n    - name: MEM\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.memory\n    - name: CPU\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.cpu\n`,
  );
  await sb.run("kubectl apply -f p.yaml");
  await sb.run("kubectl wait --for=condition=Ready pod/p --timeout=60s");
  assert.equal((await sb.run("kubectl get po p -o jsonpath='{.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor}'")).stdout, "0");
  assert.equal((await sb.run("kubectl exec p -- sh -c 'echo $MEM $CPU'")).stdout, "67108864 1\n");
});

test("kubectl create secret reports an existing secret without a colon (create_secret.go)", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create secret generic s --from-literal=a=b");
  assert.equal((await sb.run("kubectl create secret generic s --from-literal=a=b")).stderr, 'error: failed to create secret secrets "s" already exists\n');
  await sb.run("kubectl create configmap c --from-literal=a=b");
  assert.equal((await sb.run("kubectl create configmap c --from-literal=a=b")).stderr, 'error: failed to create configmap: configmaps "c" already exists\n');
});

test("rollout undo takes the revision's annotations (change-cause) from its ReplicaSet (kubectl rollback.go)", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create deployment web --image=nginx:1.24 --replicas=1");
  await sb.run('kubectl annotate deployment web kubernetes.io/change-cause="create with nginx:1.24"');
  await sb.run("kubectl rollout status deploy web --timeout=120s");
  await sb.run("kubectl set image deployment web nginx=nginx:1.25");
  await sb.run('kubectl annotate deployment web kubernetes.io/change-cause="update to nginx:1.25" --overwrite');
  await sb.run("kubectl rollout status deploy web --timeout=120s");
  assert.equal((await sb.run("kubectl rollout undo deployment web --to-revision=1")).stdout, "deployment.apps/web rolled back\n");
  await sb.run("kubectl rollout status deploy web --timeout=120s");
  assert.equal((await sb.run("kubectl get deploy web -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}'")).stdout, "create with nginx:1.24 3");
  assert.equal((await sb.run("kubectl rollout history deployment web")).stdout, "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         update to nginx:1.25\n3         create with nginx:1.24\n\n");
});

test("set -- and shift; error messages stay lines of their own", async () => {
  assert.deepEqual(await logsOf(["set -- a b c; echo $# $2; shift; echo $1 $#; shift 5; echo rc=$?", "echo one; nosuch; ls /nope; cat /nope; echo two"]), [
    "3 b\nb 2\nrc=1\n",
    "one\nsh: nosuch: not found\nls: /nope: No such file or directory\ncat: can't open '/nope': No such file or directory\ntwo\n",
  ]);
});

test("while read loops fed by a pipe (a subshell) or by < file", async () => {
  assert.deepEqual(
    await logsOf([
      'echo "a b c" | while read x y z; do echo "$z-$y-$x"; done',
      'printf "1 one\\n2 two  words \\n3" | while read n rest; do echo "[$n][$rest]"; n=9; done; echo "after [$n]"',
      'printf "x=1\\n  y=2 \\n" > /tmp/kv; while IFS= read -r line; do echo "got [$line]"; last=$line; done < /tmp/kv; echo "last=$last"',
      "while read l; do echo $l; done < /nope; echo rc=$?",
    ]),
    ["c-b-a\n", "[1][one]\n[2][two  words]\nafter []\n", "got [x=1]\ngot [  y=2 ]\nlast=  y=2 \n", "sh: can't open '/nope': No such file or directory\nrc=1\n"],
  );
});

test("read splits on a custom IFS (checked against dash)", async () => {
  assert.deepEqual(
    await logsOf([
      'printf "db.host=sql01\\nport = 5432\\n" > /tmp/e; while IFS== read -r key value; do echo "$key -> $value"; done < /tmp/e',
      'echo "root:x:0:0:root:/root:/bin/sh" | while IFS=: read user pw uid rest; do echo "$user $uid [$rest]"; done',
    ]),
    ["db.host -> sql01\nport  ->  5432\n", "root 0 [0:root:/root:/bin/sh]\n"],
  );
});

test("break and continue, also in while true and in nested loops (busybox ignores them outside a loop)", async () => {
  assert.deepEqual(
    await logsOf([
      "i=0; while [ $i -lt 3 ]; do i=$((i+1)); [ $i -eq 2 ] && continue; echo $i; done; for x in a b c; do [ $x = b ] && break; echo $x; done",
      'i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo "i=$i"',
      'i=0; while true; do i=$((i+1)); echo "try $i"; if [ $i -ge 3 ]; then echo ok; break; fi; sleep 2; done; echo after',
      "for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo $a$b; done; echo never; done; echo end",
      "break; echo still",
    ]),
    ["1\n3\na\n", "i=3\n", "try 1\ntry 2\ntry 3\nok\nafter\n", "1x\n2x\nend\n", "still\n"],
  );
});

test("expr, basename, dirname and seq with options (checked against GNU/dash)", async () => {
  assert.deepEqual(
    await logsOf([
      "x=$(expr 3 + 4); echo $x; expr 10 / 3; expr 2 + 3 \\* 4; expr length hello; expr 5 \\> 3; expr 1 = 2; echo rc=$?",
      "basename /a/b/c.txt .txt; dirname /a/b/c.txt; basename /a/b/; dirname file; dirname /x",
      'seq -s, 1 5; seq 3 -1 1 | tr "\\n" " "; echo; seq 3',
    ]),
    ["7\n3\n14\n5\n1\n0\nrc=1\n", "c\n/a/b\nb\n.\n/\n", "1,2,3,4,5\n3 2 1 \n1\n2\n3\n"],
  );
});

test("arithmetic with C precedence, comparisons, ternary and assignments; quoted for-list words stay whole", async () => {
  assert.deepEqual(
    await logsOf([
      "x=5; y=$((x > 3 ? 1 : 0)); echo $y $((7/2*2)) $((2**10)) $(( (1+2) * 3 )) $((x%2==1)) $((!0)) $((-x+1))",
      "n=4; : $((n+=2)); echo $n; echo $((n*=2)) $n",
      'a="x y"; for w in $a; do echo "[$w]"; done; for w in "$a"; do echo "[$w]"; done',
      'f() { for a in "$@"; do echo "<$a>"; done; echo $#; }; f "1 2" 3',
      "set -- 5 6; echo $(($1 + $2)) $((${1}*2)) ${2}",
    ]),
    ["1 6 1024 9 1 1 -4\n", "6\n12 12\n", "[x]\n[y]\n[x y]\n", "<1 2>\n<3>\n2\n", "11 10 6\n"],
  );
});

test("globs and ls over a mounted ConfigMap; cat prints a value without adding a newline", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create cm cfg --from-literal=a.conf=alpha --from-literal=b.conf=beta");
  const scripts = [
    "cat /etc/config/*; echo",
    'for f in /etc/config/*; do echo "$f: $(cat $f)"; done',
    "ls /etc/config; ls /etc/config/*.conf; echo /etc/config/*.txt",
    "echo x > /tmp/a; echo y > /tmp/b; ls /tmp; echo /tmp/?",
  ];
  for (const [i, s] of scripts.entries()) {
    sb.fs.writeFile(`/root/t${i}.yaml`, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: t${i}\nspec:\n  restartPolicy: Never\n  volumes:\n  - name: c\n    configMap:\n      name: cfg\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: c\n      mountPath: /etc/config\n    command: ["sh", "-c", ${JSON.stringify(s)}]\n`);
    await sb.run(`kubectl apply -f t${i}.yaml`);
  }
  await sb.run("sleep 30");
  const logs = [];
  for (let i = 0; i < scripts.length; i++) logs.push((await sb.run(`kubectl logs t${i}`)).stdout);
  assert.deepEqual(logs, [
    "alphabeta\n",
    "/etc/config/a.conf: alpha\n/etc/config/b.conf: beta\n",
    "a.conf\nb.conf\n/etc/config/a.conf\n/etc/config/b.conf\n/etc/config/*.txt\n",
    "a\nb\n/tmp/a /tmp/b\n",
  ]);
});

test("substrings, := and :+, $RANDOM, and field splitting of unquoted expansions (checked against bash/dash)", async () => {
  assert.deepEqual(
    await logsOf([
      "v=abcdef; echo ${v:2} ${v:1:3} ${v: -2} ${v:0:-1}",
      "echo ${NOPE:-$HOSTNAME} ${NOPE:=set}; echo $NOPE ${NOPE:+alt} ${UN:+alt}x",
      'a=$RANDOM; b=$RANDOM; [ "$a" != "$b" ] && echo differ; echo $RANDOM | grep -cE "^[0-9]+$"',
      'x=; echo ${x-dash} ${x:-colon}; y="a b"; printf "%s\\n" $y; printf "%s\\n" "$y"',
    ]),
    ["cdef bcd ef abcde\n", "t1 set\nset alt x\n", "differ\n1\n", "colon\na\nb\na b\n"],
  );
});

test("kubectl exec honours runAsUser/runAsGroup (id -u, id -g) and readOnlyRootFilesystem (EROFS outside volumes)", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  sb.fs.writeFile(
    "/root/p.yaml",
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 1000\n    runAsGroup: 3000\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "sleep 3600"]\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n    - name: tmp\n      mountPath: /tmp\n  volumes:\n  - name: tmp\n    emptyDir: {}\n`,
  );
  await sb.run("kubectl apply -f p.yaml");
  await sb.run("kubectl wait --for=condition=Ready pod/p --timeout=60s");
  assert.equal((await sb.run("kubectl exec p -- id -u")).stdout, "1000\n");
  assert.equal((await sb.run("kubectl exec p -- id -g")).stdout, "3000\n");
  assert.deepEqual(await sb.run("kubectl exec p -- touch /hello"), { stdout: "", stderr: "touch: /hello: Read-only file system\ncommand terminated with exit code 1\n", exitCode: 1 });
  assert.equal((await sb.run("kubectl exec p -- sh -c 'echo x > /y'")).stderr, "sh: can't create /y: Read-only file system\ncommand terminated with exit code 1\n");
  assert.equal((await sb.run("kubectl exec p -- sh -c 'echo ok > /tmp/f && cat /tmp/f && echo x > /dev/null'")).stdout, "ok\n");
});
