// Builtins and coreutils: aliases, source, type/which, history, exit, sleep, ls/cat/mkdir/rm…
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeShell } from "./harness.ts";

test("alias k=kubectl reaches the kubectl command, recursively and with a loop guard", async () => {
  const { run, calls } = makeShell();
  await run("alias k=kubectl");
  assert.deepEqual(await run("k get po -A"), { stdout: "kubectl:get,po,-A\n", stderr: "", exitCode: 0 });
  assert.deepEqual(calls.at(-1), ["kubectl", "get", "po", "-A"]);
  await run("alias kg='k get' ls='ls -a'");
  assert.equal((await run("kg ns")).stdout, "kubectl:get,ns\n");
  assert.equal((await run("cd /tmp && mkdir q && cd q && ls")).stdout, ".\n..\n");
  await run("alias kgp='kubectl get pods | upper'");
  assert.equal((await run("kgp -A")).stdout, "KUBECTL:GET,PODS\n");
  assert.equal((await run("k apply -f - <<EOF\nx: 1\nEOF")).stdout, "kubectl:apply,-f,-\nstdin:x: 1\n");
  assert.equal((await run("alias")).stdout, "alias k='kubectl'\nalias kg='k get'\nalias kgp='kubectl get pods | upper'\nalias ls='ls -a'\n");
  assert.equal((await run("alias k")).stdout, "alias k='kubectl'\n");
  assert.deepEqual(await run("unalias k; k get"), { stdout: "", stderr: "bash: k: command not found\n", exitCode: 127 });
  assert.deepEqual(await run("unalias nope"), { stdout: "", stderr: "bash: unalias: nope: not found\n", exitCode: 1 });
  assert.equal((await run("alias a1=a2 a2=a1; a1")).stderr, "bash: a1: command not found\n");
});

test("source <(kubectl completion bash) succeeds silently and complete is accepted", async () => {
  const { run } = makeShell();
  assert.deepEqual(await run("source <(kubectl completion bash)"), { stdout: "", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("alias k=kubectl; complete -o default -F __start_kubectl k; echo $?"), { stdout: "0\n", stderr: "", exitCode: 0 });
  assert.equal((await run("type -t __start_kubectl")).stdout, "function\n");
  assert.deepEqual(await run(". <(kubectl completion bash)"), { stdout: "", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("source /nope"), { stdout: "", stderr: "bash: /nope: No such file or directory\n", exitCode: 1 });
});

test("source runs a file in the current shell; bash/sh run scripts in a child", async () => {
  const { run, fs } = makeShell();
  fs.writeFile("/root/env.sh", "export A=1\nB=2\nf() { echo in-f $1; }\n");
  assert.equal((await run("source env.sh; echo $A $B; f x")).stdout, "1 2\nin-f x\n");
  fs.writeFile("/root/s.sh", "#!/bin/bash\necho script $1 $#\nC=3\nexit 4\n");
  assert.deepEqual(await run("bash s.sh arg; echo $? ${C:-unset}"), { stdout: "script arg 1\n4 unset\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("./s.sh"), { stdout: "", stderr: "bash: ./s.sh: Permission denied\n", exitCode: 126 });
  assert.equal((await run("chmod +x s.sh; ./s.sh q; echo $?")).stdout, "script q 1\n4\n");
  assert.deepEqual(await run("./nope.sh"), { stdout: "", stderr: "bash: ./nope.sh: No such file or directory\n", exitCode: 127 });
  assert.equal((await run("sh -c 'echo $0 $1; exit 5' x y; echo $?")).stdout, "x y\n5\n");
  assert.equal((await run("bash -c 'echo hi | upper'")).stdout, "HI\n");
  assert.equal((await run("echo 'echo piped' | bash")).stdout, "piped\n");
});

test("type, which, command -v", async () => {
  const { run } = makeShell();
  await run("alias k=kubectl; f() { :; }");
  assert.deepEqual(await run("type k cd kubectl if ls"), {
    stdout: "k is aliased to `kubectl'\ncd is a shell builtin\nkubectl is /usr/bin/kubectl\nif is a shell keyword\nls is /usr/bin/ls\n",
    stderr: "",
    exitCode: 0,
  });
  assert.deepEqual(await run("type nosuch"), { stdout: "", stderr: "bash: type: nosuch: not found\n", exitCode: 1 });
  assert.deepEqual(await run("which kubectl ls"), { stdout: "/usr/bin/kubectl\n/usr/bin/ls\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("which cd nosuch"), { stdout: "", stderr: "", exitCode: 1 });
  assert.equal((await run("command -v kubectl k f cd")).stdout, "/usr/bin/kubectl\nalias k='kubectl'\nf\ncd\n");
  assert.equal((await run("command -v nosuch; echo $?")).stdout, "1\n");
});

test("history is numbered like bash; clear; exit records a request", async () => {
  const { sh, run } = makeShell();
  await run("echo a");
  await run("ls /tmp");
  assert.equal((await run("history")).stdout, "    1  echo a\n    2  ls /tmp\n    3  history\n");
  assert.equal((await run("history 1")).stdout, "    4  history 1\n");
  assert.equal((await run("clear")).stdout, "\x1b[H\x1b[2J\x1b[3J");
  assert.equal(sh.state.exitRequested, null);
  assert.deepEqual(await run("echo bye; exit 3; echo no"), { stdout: "bye\n", stderr: "", exitCode: 3 });
  assert.equal(sh.state.exitRequested, 3);
  assert.equal((await run("(exit 4); echo $?")).stdout, "4\n");
  assert.equal(sh.state.exitRequested, null);
});

test("export, env, unset, set, declare", async () => {
  const { run } = makeShell();
  const env = (await run("env")).stdout;
  assert.equal(env.split("\n")[0], "HOME=/root");
  assert.match(env, /^PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin$/m);
  assert.doesNotMatch(env, /KUBECONFIG/);
  assert.match((await run("export KUBECONFIG=/root/.kube/config; env")).stdout, /\nKUBECONFIG=\/root\/.kube\/config\n$/);
  assert.equal((await run("X=1; env | upper | cat")).stdout.includes("X=1"), false);
  assert.equal((await run("Y=2 env")).stdout.includes("Y=2\n"), true);
  assert.equal((await run("unset KUBECONFIG; echo ${KUBECONFIG:-none}")).stdout, "none\n");
  assert.deepEqual(await run("export 1a=b"), { stdout: "", stderr: "bash: export: `1a=b': not a valid identifier\n", exitCode: 1 });
  assert.equal((await run("declare -p HOME")).stdout, 'declare -x HOME="/root"\n');
  assert.equal((await run("set -e; set +e; set -o pipefail; echo ok")).stdout, "ok\n");
  assert.equal((await run("echo $HOSTNAME $USER $SHELL $TERM $PWD")).stdout, "controlplane root /bin/bash xterm-256color /root\n");
});

test("cd, pwd, OLDPWD and ~", async () => {
  const { run } = makeShell();
  assert.deepEqual(await run("cd /tmp; pwd; cd -; cd ~; pwd; cd /etc; cd; pwd"), { stdout: "/tmp\n/root\n/root\n/root\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("touch /tmp/f; cd /tmp/f"), { stdout: "", stderr: "bash: cd: /tmp/f: Not a directory\n", exitCode: 1 });
  assert.deepEqual(await run("cd a b"), { stdout: "", stderr: "bash: cd: too many arguments\n", exitCode: 1 });
});

test("sleep uses the host clock and stops on abort", async () => {
  const { sh, clock, run } = makeShell();
  const t0 = clock.now();
  assert.equal((await run("sleep 1; sleep 0.5; sleep 2m; sleep 1s")).exitCode, 0);
  assert.equal(clock.now() - t0, 1000 + 500 + 120_000 + 1000);
  assert.deepEqual(await run("sleep x"), { stdout: "", stderr: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", exitCode: 1 });
  assert.deepEqual(await run("sleep"), { stdout: "", stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 });
  const signal = { aborted: true };
  assert.equal(await sh.run("sleep 100; echo no", { signal }), 130);
});

test("yes is bounded", async () => {
  const { run } = makeShell();
  const r = await run("yes | upper | cat > /tmp/y; echo done");
  assert.equal(r.stdout, "done\n");
  const r2 = await run("yes no");
  assert.equal(r2.stdout.split("\n").length - 1, 100_000);
  assert.equal(r2.stdout.slice(0, 6), "no\nno\n");
});

test("ls, cat, mkdir, rm, cp, mv, touch with coreutils messages", async () => {
  const { run, fs } = makeShell();
  assert.deepEqual(await run("mkdir -p /w/a/b && cd /w && echo x > a/f && touch z && ls"), { stdout: "a\nz\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("ls nope; echo $?"), { stdout: "2\n", stderr: "ls: cannot access 'nope': No such file or directory\n", exitCode: 0 });
  assert.deepEqual(await run("cat nope; echo $?"), { stdout: "1\n", stderr: "cat: nope: No such file or directory\n", exitCode: 0 });
  assert.deepEqual(await run("cat -n a/f"), { stdout: "     1\tx\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("echo piped | cat - a/f"), { stdout: "piped\nx\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("mkdir a"), { stdout: "", stderr: "mkdir: cannot create directory ‘a’: File exists\n", exitCode: 1 });
  assert.deepEqual(await run("rm nope"), { stdout: "", stderr: "rm: cannot remove 'nope': No such file or directory\n", exitCode: 1 });
  assert.deepEqual(await run("rm a"), { stdout: "", stderr: "rm: cannot remove 'a': Is a directory\n", exitCode: 1 });
  assert.equal((await run("rm -f nope; echo $?")).stdout, "0\n");
  await run("cp a/f g && cp -r a c && mv z y");
  assert.equal(fs.readFile("/w/g"), "x\n");
  assert.equal(fs.readFile("/w/c/f"), "x\n");
  assert.equal(fs.exists("/w/z"), false);
  assert.equal((await run("ls -R")).stdout, ".:\na\nc\ng\ny\n\n./a:\nb\nf\n\n./a/b:\n\n./c:\nb\nf\n\n./c/b:\n");
  assert.equal((await run("ls -l g")).stdout, "-rw-r--r-- 1 root root 2 Nov 21 22:00 g\n");
  assert.equal((await run("rm -r a c; ls")).stdout, "g\ny\n");
  assert.equal((await run("ls -a /w")).stdout, ".\n..\ng\ny\n");
});

test("date, whoami, hostname, uname, id", async () => {
  const { run } = makeShell();
  assert.equal((await run("date")).stdout, "Sat Nov 21 22:00:00 UTC 2026\n");
  assert.equal((await run("date +%s")).stdout, "1795298400\n");
  assert.equal((await run("date +%Y-%m-%dT%H:%M:%S")).stdout, "2026-11-21T22:00:00\n");
  assert.equal((await run("whoami; hostname; uname; uname -r; id")).stdout, "root\ncontrolplane\nLinux\n5.15.0-126-generic\nuid=0(root) gid=0(root) groups=0(root)\n");
});

test("read consumes stdin line by line; printf repeats the format", async () => {
  const { run } = makeShell();
  assert.equal((await run("printf 'a b\\nc\\n' | { read x y; read z; echo $y$x$z; read w; echo $?; }")).stdout, "bac\n1\n");
  assert.equal((await run("printf '%s,' 1 2 3; echo")).stdout, "1,2,3,\n");
  assert.equal((await run("printf '%d\\n' abc; echo $?")).stdout, "0\n1\n");
});

test("time reports the clock's elapsed time on stderr", async () => {
  const { run } = makeShell();
  assert.deepEqual(await run("time sleep 2"), { stdout: "", stderr: "\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n", exitCode: 0 });
});

test("ls on a terminal lays names out in GNU columns", async () => {
  const { sh } = makeShell();
  const names = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega deployment.yaml service.yaml very-long-file-name-for-testing.txt";
  await sh.runCapture(`mkdir /l && cd /l && touch ${names}`);
  const r = await sh.runCapture("ls", { stdoutIsTTY: true });
  assert.equal(
    r.stdout,
    [
      "alpha            gamma   omicron       tau",
      "beta             iota    phi           theta",
      "chi              kappa   pi            upsilon",
      "delta            lambda  psi           very-long-file-name-for-testing.txt",
      "deployment.yaml  mu      rho           xi",
      "epsilon          nu      service.yaml  zeta",
      "eta              omega   sigma",
      "",
    ].join("\n"),
  );
  assert.equal((await sh.runCapture("ls | cat", { stdoutIsTTY: true })).stdout.split("\n").length, 28);
});

test("history skips consecutive duplicates and space-prefixed lines", async () => {
  const { run } = makeShell();
  await run("echo a");
  await run("echo a");
  await run(" echo secret");
  assert.equal((await run("history")).stdout, "    1  echo a\n    2  history\n");
});

test("state survives a JSON snapshot: vars, exports, aliases, functions, cwd, history, rng", async () => {
  const a = makeShell();
  await a.run("cd /tmp; export E=1; V=2; alias k=kubectl; greet() { echo hi $1; }; echo $RANDOM > /dev/null");
  const state = JSON.parse(JSON.stringify(a.sh.snapshot()));
  const b = makeShell();
  const { Shell } = await import("../../../lab-engine/shell/shell.ts");
  const sh = new Shell({ fs: b.fs, host: { clock: b.clock }, commands: {}, state });
  assert.deepEqual(await sh.runCapture("pwd; echo $E $V; greet you; type k; history 1"), {
    stdout: "/tmp\n1 2\nhi you\nk is aliased to `kubectl'\n    2  pwd; echo $E $V; greet you; type k; history 1\n",
    stderr: "",
    exitCode: 0,
  });
  assert.equal((await sh.runCapture("echo $RANDOM")).stdout, (await a.run("echo $RANDOM")).stdout);
});

test("exec bash reloads ~/.bashrc; exec cmd ends the shell with its status", async () => {
  const { sh, run, fs } = makeShell();
  fs.writeFile("/root/.bashrc", "alias k=kubectl\nexport EDITOR=vim\n");
  assert.deepEqual(await run("exec bash; k get; echo $EDITOR"), { stdout: "kubectl:get\nvim\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("exec false; echo no"), { stdout: "", stderr: "", exitCode: 1 });
  assert.equal(sh.state.exitRequested, 1);
  assert.equal((await run("echo $BASH_VERSION")).stdout, "5.1.16(1)-release\n");
});

test("sudo runs the command as is; $_ is the previous command's last argument", async () => {
  const { run } = makeShell();
  assert.deepEqual(await run("sudo -E kubectl get po"), { stdout: "kubectl:get,po\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("mkdir -p /tmp/new && cd $_ && pwd"), { stdout: "/tmp/new\n", stderr: "", exitCode: 0 });
});

test("history expansion: !!, !$, !N, !-N; quotes and != untouched", async () => {
  const { run } = makeShell();
  await run("echo one two");
  assert.deepEqual(await run("!!"), { stdout: "echo one two\none two\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("echo !$"), { stdout: "echo two\ntwo\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("!1 x"), { stdout: "echo one two x\none two x\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await run("!99"), { stdout: "", stderr: "bash: !99: event not found\n", exitCode: 1 });
  assert.deepEqual(await run("echo '!!' \"hi!\"; [ a != b ] && echo ne; ! false && echo neg"), { stdout: "!! hi!\nne\nneg\n", stderr: "", exitCode: 0 });
  assert.equal((await run("history 2")).stdout, "    4  echo '!!' \"hi!\"; [ a != b ] && echo ne; ! false && echo neg\n    5  history 2\n");
});
