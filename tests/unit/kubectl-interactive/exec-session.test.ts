// `kubectl exec -it POD -- sh` and `kubectl run -it --rm ... -- sh`: a shell inside the container
// takes the terminal's next inputs until `exit` or Ctrl-D, in machine mode (Sandbox.run, as the
// --jsonl CLI) and in terminal mode (Sandbox.input, as the web terminal).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function sandbox() {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl run web --image=nginx --restart=Never");
  await sb.run("kubectl run bb --image=busybox -- sleep 3600");
  await sb.run("kubectl wait --for=condition=Ready pod/web pod/bb --timeout=90s");
  return sb;
}

const ok = (stdout = "") => ({ stdout, stderr: "", exitCode: 0 });

test("exec -it: inputs run in the container until exit; writes persist; exit status comes back", async () => {
  const sb = await sandbox();
  assert.deepEqual(await sb.run("kubectl exec -it web -- /bin/sh"), ok());
  assert.equal(sb.inSession, true);
  assert.deepEqual(await sb.run("echo hello > /tmp/note; cd /tmp; pwd; echo $HOSTNAME"), ok("/tmp\nweb\n"));
  // Debian's sh is dash; with a TTY its errors reach the terminal (stdout).
  assert.deepEqual(await sb.run("nosuch"), { stdout: "sh: 1: nosuch: not found\n", stderr: "", exitCode: 127 });
  assert.deepEqual(await sb.run("exit 3"), { stdout: "", stderr: "command terminated with exit code 3\n", exitCode: 3 });
  assert.equal(sb.inSession, false);
  assert.deepEqual(await sb.run("echo $?; kubectl exec web -- cat /tmp/note"), ok("3\nhello\n"));
  // The workstation's files are not the container's.
  assert.equal((await sb.run("ls /tmp/note")).exitCode, 2);
});

test("exec -it into busybox: ash messages, bash missing, -t without -i does not attach", async () => {
  const sb = await sandbox();
  await sb.run("kubectl exec -it bb -- sh");
  assert.deepEqual(await sb.run("nosuch; hostname"), ok("sh: nosuch: not found\nbb\n"));
  assert.deepEqual(await sb.run("exit"), ok());
  const bash = await sb.run("kubectl exec -it bb -- bash");
  assert.match(bash.stderr, /exec: "bash": executable file not found in \$PATH: unknown\n$/);
  assert.equal(sb.inSession, false);
  // Without -i the shell reads no input and ends at once; kubectl says nothing about the TTY.
  assert.deepEqual(await sb.run("kubectl exec -t bb -- sh"), ok());
  assert.equal(sb.inSession, false);
});

test("run --rm -it -- sh: a shell in a new pod, deleted after exit; exit code of a Never pod", async () => {
  const sb = await sandbox();
  const start = await sb.run("kubectl run tmp --rm -it --image=busybox --restart=Never -- sh");
  assert.deepEqual(start, { stdout: "", stderr: "If you don't see a command prompt, try pressing enter.\n", exitCode: 0 });
  assert.deepEqual(await sb.run("hostname; echo $HOME"), ok("tmp\n/root\n"));
  assert.deepEqual(await sb.run("exit"), ok('pod "tmp" deleted\n'));
  assert.match((await sb.run("kubectl get po tmp")).stderr, /pods "tmp" not found/);
  await sb.run("kubectl run t2 -it --image=busybox --restart=Never -- sh");
  assert.deepEqual(await sb.run("exit 4"), { stdout: "", stderr: "pod default/t2 terminated (Error)\n", exitCode: 4 });
  assert.equal((await sb.run("kubectl get po t2 -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}'")).stdout, "Failed 4");
});

test("terminal mode: container prompts, Ctrl-D returns to the workstation prompt", async () => {
  const sb = await sandbox();
  // Resolve when the terminal shows a prompt again (output is event-driven, no timers).
  let out = "";
  let waiter: (() => void) | undefined;
  sb.onOutput((d) => {
    out += d;
    if (waiter && /(# |\$ )$/.test(out)) waiter();
  });
  sb.start();
  const type = (s: string) =>
    new Promise<string>((resolve) => {
      out = "";
      waiter = () => {
        waiter = undefined;
        resolve(out);
      };
      sb.input(s);
    });
  assert.match(await type("kubectl exec -it web -- bash\r"), /root@web:\/# $/);
  assert.match(await type("cd /etc\r"), /root@web:\/etc# $/);
  assert.match(await type("\x04"), /exit\r\n[\s\S]*controlplane:~\$ $/);
  assert.match(await type("kubectl exec -it bb -- sh\r"), /\r\n\/ # $/);
  assert.match(await type("exit\r"), /controlplane:~\$ $/);
});
