import { test } from "node:test";
import assert from "node:assert/strict";
import { LineDiscipline, MAX_LINE } from "../../../lab-engine/terminal/line-discipline.ts";
import { FakeHost, Screen, setup, tick } from "./helpers.ts";

const P = "controlplane:~$ ";

function screenOf(host: FakeHost, cols = 80): Screen {
  const s = new Screen(cols);
  s.write(host.out);
  return s;
}

test("start prints the prompt; typing + Enter executes kubectl get pods", async () => {
  const { host, ld } = setup();
  assert.equal(host.out, P);
  ld.input("kubectl get pods");
  assert.equal(host.out, P + "kubectl get pods");
  ld.input("\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["kubectl get pods"]);
  assert.deepEqual(host.history, ["kubectl get pods"]);
  assert.equal(host.out, P + "kubectl get pods\r\n" + P);
});

test("typing one key at a time echoes each key", async () => {
  const { host, ld } = setup();
  for (const ch of "ls -l") ld.input(ch);
  assert.equal(host.out, P + "ls -l");
  ld.input("\r");
  ld.input("\n"); // \r\n counts once
  await ld.idle();
  assert.deepEqual(host.executed, ["ls -l"]);
  assert.equal(host.out, P + "ls -l\r\n" + P);
});

test("\\n alone is Enter and \\r\\n in one chunk counts once", async () => {
  const { host, ld } = setup();
  ld.input("echo a\n");
  await ld.idle();
  ld.input("echo b\r\n");
  await ld.idle();
  assert.deepEqual(host.executed, ["echo a", "echo b"]);
  assert.equal(screenOf(host).text().length, 3);
});

test("empty and blank lines print a new prompt without executing", async () => {
  const { host, ld } = setup();
  ld.input("\r");
  ld.input("   \r");
  await ld.idle();
  assert.deepEqual(host.executed, []);
  assert.deepEqual(host.history, []);
  assert.deepEqual(screenOf(host).text(), [P.trimEnd(), P.trimEnd(), P.trimEnd()]);
});

test("editing keys produce the right final line", () => {
  const cases: Array<[string[], string, number]> = [
    [["kubectl get pod", "\x1b[D", "\x1b[D", "\x1b[D", "x"], "kubectl get xpod", 13],
    [["get pods", "\x01", "kubectl "], "kubectl get pods", 8],
    [["ubectl", "\x1b[H", "k", "\x1b[F", " version"], "kubectl version", 15],
    [["abc", "\x1bOD", "\x1bOD", "\x1bOC", "X"], "abXc", 3],
    [["abc", "\x1b[1~", "1", "\x1b[4~", "2", "\x1bOH", "0"], "01abc2", 1],
    [["abcd", "\x7f", "\b"], "ab", 2],
    [["abcd", "\x01", "\x1b[3~"], "bcd", 0],
    [["abcd", "\x02", "\x02", "\x06", "!"], "abc!d", 4],
    [["abcd", "\x05", "!"], "abcd!", 5],
    [["kubectl get pods", "\x1b[D", "\x1b[D", "\x1b[D", "\x1b[D", "\x0b"], "kubectl get ", 12],
    [["kubectl get pods", "\x1b[D", "\x1b[D", "\x1b[D", "\x1b[D", "\x15"], "pods", 0],
    [["kubectl get pods", "\x17"], "kubectl get ", 12],
    [["kubectl get pods -n kube-system", "\x17", "\x17", "\x19"], "kubectl get pods -n kube-system", 31],
    [["kubectl get pods", "\x17", "\x17", "\x19", "\x19"], "kubectl get podsget pods", 24],
    [["kubectl get pods", "\x1bb", "\x1bb", "X"], "kubectl Xget pods", 9],
    [["kubectl get pods", "\x01", "\x1bf", "X"], "kubectlX get pods", 8],
    [["kube-system", "\x1bb", "X"], "kube-Xsystem", 6],
    [["a b c", "\x1b[1;5D", "\x1b[1;5D", "_"], "a _b c", 3],
    [["abc", "\x04"], "abc", 3],
    [["abc", "\x01", "\x04"], "bc", 0],
    [["abc", "\x01", "\x1bd"], "", 0],
    [["foo bar", "\x1b\x7f"], "foo ", 4],
    [["ab", "\x14"], "ba", 2],
    [["abc", "\x1b[15~", "\x1b[Z", "\x1b[5~", "\x1b]0;title\x07", "d"], "abcd", 4],
  ];
  for (const [keys, line, cursor] of cases) {
    const { ld } = setup();
    for (const k of keys) ld.input(k);
    const st = ld.state();
    assert.equal(st.line, line, JSON.stringify(keys));
    assert.equal(st.cursor, cursor, JSON.stringify(keys));
  }
});

test("the screen shows the edited line and the cursor where it should be", () => {
  const { host, ld } = setup();
  ld.input("kubectl get po");
  ld.input("\x1b[D\x1b[D\x1b[D");
  ld.input("X");
  const s = screenOf(host);
  assert.deepEqual(s.text(), [P + "kubectl getX po"]);
  assert.equal(s.col, P.length + "kubectl getX".length);
});

test("unknown escape sequences are never echoed", () => {
  const { host, ld } = setup();
  ld.input("a\x1b[99;99x\x1b[?1049h\x1bOZ\x1b[15;2~b\x1b[I\x1b[O");
  assert.equal(ld.state().line, "ab");
  assert.ok(!host.out.slice(P.length).includes("["), JSON.stringify(host.out));
});

test("an escape sequence split across chunks is reassembled", () => {
  const { ld } = setup();
  ld.input("abc\x1b");
  ld.input("[");
  ld.input("D");
  ld.input("X");
  assert.equal(ld.state().line, "abXc");
  ld.input("\x1b");
  ld.input("b"); // ESC b = Alt-b
  ld.input("Y");
  assert.equal(ld.state().line, "YabXc");
});

test("history up/down keeps the edited current line", async () => {
  const { host, ld } = setup();
  host.history.push("kubectl get pods", "kubectl get nodes");
  ld.input("kubectl des");
  ld.input("\x1b[A");
  assert.equal(ld.state().line, "kubectl get nodes");
  ld.input("\x1b[A");
  assert.equal(ld.state().line, "kubectl get pods");
  ld.input("\x1b[A"); // at the oldest: stays
  assert.equal(ld.state().line, "kubectl get pods");
  ld.input(" -A"); // edit a history entry
  ld.input("\x1b[B");
  assert.equal(ld.state().line, "kubectl get nodes");
  ld.input("\x1bOA");
  assert.equal(ld.state().line, "kubectl get pods -A");
  ld.input("\x1b[B\x1b[B");
  assert.equal(ld.state().line, "kubectl des");
  ld.input("\x10"); // Ctrl-P
  assert.equal(ld.state().line, "kubectl get nodes");
  ld.input("\x0e"); // Ctrl-N
  assert.equal(ld.state().line, "kubectl des");
  ld.input("\x10\x10\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["kubectl get pods -A"]);
  // after accepting, edits are forgotten
  ld.input("\x1b[A\x1b[A");
  assert.equal(ld.state().line, "kubectl get nodes");
  ld.input("\x1b[A");
  assert.equal(ld.state().line, "kubectl get pods");
  const s = screenOf(host);
  assert.equal(s.text()[s.text().length - 1], P + "kubectl get pods");
});

test("Ctrl-R reverse-i-search: type, repeat, Enter runs the match", async () => {
  const { host, ld } = setup();
  host.history.push("kubectl get pods", "kubectl get nodes", "ls -l", "kubectl get pods -o wide");
  ld.input("\x12");
  assert.ok(host.out.endsWith("(reverse-i-search)`': "), JSON.stringify(host.out));
  ld.input("get");
  let s = screenOf(host);
  assert.equal(s.text()[0], "(reverse-i-search)`get': kubectl get pods -o wide");
  assert.equal(s.col, "(reverse-i-search)`get': kubectl ".length);
  ld.input("\x12");
  s = screenOf(host);
  assert.equal(s.text()[0], "(reverse-i-search)`get': kubectl get nodes");
  ld.input("\x12");
  assert.equal(screenOf(host).text()[0], "(reverse-i-search)`get': kubectl get pods");
  ld.input("\x12"); // no older match
  assert.equal(screenOf(host).text()[0], "(failed reverse-i-search)`get': kubectl get pods");
  ld.input("\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["kubectl get pods"]);
  // like readline, the normal prompt comes back before the command runs
  assert.deepEqual(screenOf(host).text(), [P + "kubectl get pods", P.trimEnd()]);
});

test("Ctrl-R: arrows and Esc accept the match into the line; Ctrl-G restores", () => {
  {
    const { host, ld } = setup();
    host.history.push("kubectl get pods", "ls -l");
    ld.input("\x12pods");
    ld.input("\x1b[C"); // Right: accept and move
    assert.equal(ld.state().line, "kubectl get pods");
    assert.equal(ld.state().cursor, 13);
    assert.equal(screenOf(host).text()[0], P + "kubectl get pods");
  }
  {
    const { host, ld } = setup();
    host.history.push("kubectl get pods", "ls -l");
    ld.input("\x12-l");
    ld.input("\x1b");
    assert.equal(ld.state().line, "ls -l");
    assert.equal(ld.state().cursor, 3); // cursor stays at the match, as readline
    ld.input("X");
    assert.equal(ld.state().line, "ls X-l");
    ld.input("\x7f");
    ld.input("\x05 /tmp");
    assert.equal(ld.state().line, "ls -l /tmp");
    assert.equal(screenOf(host).text()[0], P + "ls -l /tmp");
  }
  {
    const { host, ld } = setup();
    host.history.push("kubectl get pods");
    ld.input("typed");
    ld.input("\x12kub");
    assert.equal(screenOf(host).text()[0], "(reverse-i-search)`kub': kubectl get pods");
    ld.input("\x07");
    assert.equal(ld.state().line, "typed");
    assert.equal(screenOf(host).text()[0], P + "typed");
  }
  {
    const { host, ld } = setup();
    host.history.push("kubectl get pods", "kubectl get nodes");
    ld.input("\x12pods\x1b[A"); // accept then Up moves to the entry before the match
    assert.equal(ld.state().line, "kubectl get pods");
    ld.input("\x1b[B");
    assert.equal(ld.state().line, "kubectl get nodes");
  }
  {
    const { host, ld } = setup();
    host.history.push("kubectl get pods", "kubectl get nodes");
    ld.input("\x12podz");
    assert.equal(screenOf(host).text()[0], "(failed reverse-i-search)`podz': kubectl get pods");
    ld.input("\x7f");
    assert.equal(screenOf(host).text()[0], "(reverse-i-search)`pod': kubectl get pods");
    ld.input("\x03");
    assert.equal(ld.state().line, "");
    assert.deepEqual(host.executed, []);
  }
});

test("Ctrl-C on a line prints ^C and a new prompt, discarding the line", () => {
  const { host, ld } = setup();
  ld.input("kubectl delete pod x");
  ld.input("\x03");
  assert.equal(host.out, P + "kubectl delete pod x^C\r\n" + P);
  assert.deepEqual(host.executed, []);
  assert.equal(ld.state().line, "");
});

test("Ctrl-C in the middle of a line echoes ^C at the cursor like bash", () => {
  const { host, ld } = setup();
  ld.input("echo hello\x1b[D\x1b[D");
  const before = host.out.length;
  ld.input("\x03");
  assert.equal(host.out.slice(before), "^C\r\n" + P);
  assert.deepEqual(screenOf(host).text(), [P + "echo hel^C", P.trimEnd()]);
});

test("Ctrl-C on a wrapped line starts the new prompt below the whole input", () => {
  const { host, ld } = setup({ cols: 20 });
  ld.input("abcdefghij\x01");
  ld.input("\x03");
  assert.deepEqual(screenOf(host, 20).text(), [P + "^Ccd", "efghij", P.trimEnd()]);
});

test("reverse-i-search highlights the match", () => {
  const { host, ld } = setup();
  host.history.push("echo abc");
  ld.input("\x12ab");
  assert.ok(host.out.endsWith("(reverse-i-search)`ab': echo \x1b[7mab\x1b[27mc\r\x1b[29C"), JSON.stringify(host.out.slice(-60)));
});

test("Ctrl-C while a command runs calls interrupt; type-ahead is buffered", async () => {
  const { host, ld } = setup();
  host.hold = true;
  ld.input("kubectl get pods -w\r");
  await tick();
  assert.equal(ld.busy, true);
  ld.input("ls");
  assert.equal(host.out, P + "kubectl get pods -w\r\n"); // type-ahead not echoed yet
  ld.input("\x03");
  assert.equal(host.interrupts, 1);
  await ld.idle();
  assert.equal(ld.busy, false);
  assert.equal(host.out, P + "kubectl get pods -w\r\n^C\r\n" + P);
  assert.equal(ld.state().line, ""); // ^C flushed the type-ahead

  // type-ahead without ^C runs after the command finishes
  ld.input("sleep 5\r");
  await tick();
  ld.input("echo done\r");
  assert.deepEqual(host.executed, ["kubectl get pods -w", "sleep 5"]);
  host.running!();
  await tick();
  assert.deepEqual(host.executed, ["kubectl get pods -w", "sleep 5", "echo done"]);
  host.running!();
  await ld.idle();
  assert.deepEqual(screenOf(host).text().slice(-3), [P + "sleep 5", P + "echo done", P.trimEnd()]);
});

test("command output is followed by the prompt, also when it lacks a newline", async () => {
  const { host, ld } = setup();
  host.outputFor["printf abc"] = "abc";
  ld.input("printf abc\r");
  await ld.idle();
  ld.input("xy\x7f");
  const s = screenOf(host);
  assert.deepEqual(s.text(), [P + "printf abc", "abc" + P + "x"]);
});

test("Ctrl-D: eof on an empty line, delete otherwise", () => {
  const { host, ld } = setup();
  ld.input("ab\x01\x04");
  assert.equal(ld.state().line, "b");
  assert.equal(host.eofs, 0);
  ld.input("\x05\x15\x04");
  assert.equal(host.eofs, 1);
  ld.newPrompt();
  assert.equal(screenOf(host).text().length, 2);
});

test("Ctrl-L clears the screen and redraws prompt and line", () => {
  const { host, ld } = setup();
  ld.input("kubectl\x0c");
  assert.ok(host.out.endsWith("\x1b[H\x1b[2J" + P + "kubectl"), JSON.stringify(host.out));
});

test("continuation prompt for an incomplete line", async () => {
  const { host, ld } = setup();
  ld.input("echo 'hello\r");
  assert.ok(host.out.endsWith("echo 'hello\r\n> "), JSON.stringify(host.out));
  ld.input("world'\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["echo 'hello\nworld'"]);
  assert.deepEqual(host.history, ["echo 'hello\nworld'"]);
  ld.input("kubectl get pods |\r");
  ld.input("grep web\r");
  await ld.idle();
  assert.equal(host.executed[1], "kubectl get pods |\ngrep web");
  assert.deepEqual(screenOf(host).text(), [P + "echo 'hello", "> world'", P + "kubectl get pods |", "> grep web", P.trimEnd()]);
});

test("Ctrl-C at a continuation prompt discards the whole input", async () => {
  const { host, ld } = setup();
  ld.input("cat <<EOF\r");
  ld.input("abc\x03");
  ld.input("ls\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["ls"]);
});

test("Ctrl-D at a continuation prompt runs what was entered (shell reports EOF)", async () => {
  const { host, ld } = setup();
  ld.input("cat <<EOF\r");
  ld.input("abc\r");
  ld.input("\x04");
  await ld.idle();
  assert.deepEqual(host.executed, ["cat <<EOF\nabc"]);
  assert.equal(host.eofs, 0);
});

const HEREDOC = [
  "cat <<EOF > pod.yaml",
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: web",
  "EOF",
];

test("bracketed paste of a heredoc block executes one input containing newlines", async () => {
  const { host, ld } = setup();
  ld.input("\x1b[200~" + HEREDOC.join("\r") + "\r" + "kubectl apply -f pod.yaml\r" + "\x1b[201~");
  await ld.idle();
  assert.deepEqual(host.executed, [HEREDOC.join("\n"), "kubectl apply -f pod.yaml"]);
  assert.deepEqual(screenOf(host).text(), [
    P + HEREDOC[0],
    ...HEREDOC.slice(1).map((l) => "> " + l),
    P + "kubectl apply -f pod.yaml",
    P.trimEnd(),
  ]);
});

test("plain multi-line paste in one chunk (\\n separated, tabs literal) works the same", async () => {
  const { host, ld } = setup();
  host.completer = () => {
    throw new Error("no completion during paste");
  };
  ld.input(HEREDOC.join("\n") + "\nkubectl apply -f pod.yaml\nkubectl get\tpods");
  await ld.idle();
  assert.deepEqual(host.executed, [HEREDOC.join("\n"), "kubectl apply -f pod.yaml"]);
  assert.equal(ld.state().line, "kubectl get\tpods"); // last line stays for editing
  const s = screenOf(host);
  assert.equal(s.text()[s.text().length - 1], P + "kubectl get     pods");
});

test("paste end marker split across chunks and while a command runs", async () => {
  const { host, ld } = setup();
  host.hold = true;
  ld.input("\x1b[200~sleep 1\recho a\rec");
  ld.input("ho b\r\x1b[20");
  ld.input("1~\t");
  await tick();
  assert.deepEqual(host.executed, ["sleep 1"]);
  host.running!();
  await tick();
  host.running!();
  await tick();
  host.running!();
  await tick();
  assert.deepEqual(host.executed, ["sleep 1", "echo a", "echo b"]);
  assert.equal(ld.busy, false);
  assert.equal(ld.state().line, ""); // the tab after the paste was a completion (none)
});

test("tab completion: single candidate inserts with a space, directories without", () => {
  const { host, ld } = setup();
  host.completer = (line, cursor) => {
    const word = line.slice(0, cursor).split(" ").pop()!;
    const from = cursor - word.length;
    const all = ["kubectl", "kubeadm", "/etc/kubernetes/", "deployments"];
    return { replaceFrom: from, candidates: all.filter((c) => c.startsWith(word)) };
  };
  ld.input("kubec\t");
  assert.equal(ld.state().line, "kubectl ");
  ld.input("get deploy\t");
  assert.equal(ld.state().line, "kubectl get deployments ");
  ld.input("\x15ls /etc/ku\t");
  assert.equal(ld.state().line, "ls /etc/kubernetes/");
  assert.equal(screenOf(host).text()[0], P + "ls /etc/kubernetes/");
  // completion in the middle of the line
  ld.input("\x15kubec get\x01\x1bf\t");
  assert.equal(ld.state().line, "kubectl get"); // no space added in the middle (readline)
  assert.equal(ld.state().cursor, 7);
  ld.input("\x05\x15xyz\t");
  assert.equal(ld.state().line, "xyz");
  assert.ok(host.out.slice(-8).includes("\x07"));
});

test("tab completion: several candidates insert the common prefix; Tab again lists them (as bash)", () => {
  const { host, ld } = setup();
  const words = ["deployments", "daemonsets", "deployment.apps", "endpoints", "events"];
  host.completer = (line, cursor) => {
    const word = line.slice(0, cursor).split(" ").pop()!;
    return { replaceFrom: cursor - word.length, candidates: words.filter((c) => c.startsWith(word)) };
  };
  ld.input("kubectl get dep\t");
  assert.equal(ld.state().line, "kubectl get deployment");
  // readline: the previous Tab changed the line, so this one only rings; the next one lists
  ld.input("\t");
  assert.deepEqual(screenOf(host).text(), [P + "kubectl get deployment"]);
  assert.ok(host.out.endsWith("\x07"));
  ld.input("\t");
  const s = screenOf(host);
  assert.deepEqual(s.text(), [P + "kubectl get deployment", "deployment.apps  deployments", P + "kubectl get deployment"]);
  ld.input("\x17e\t");
  assert.equal(ld.state().line, "kubectl get e");
  assert.ok(host.out.slice(-8).includes("\x07"));
  ld.input("\t");
  assert.deepEqual(screenOf(host).text().slice(-2), ["endpoints  events", P + "kubectl get e"]);
  ld.input("\t"); // again lists
  assert.deepEqual(screenOf(host).text().slice(-3), [P + "kubectl get e", "endpoints  events", P + "kubectl get e"]);
});

test("tab listing uses columns like bash (down the columns, padded)", () => {
  const { host, ld } = setup({ cols: 40 });
  const names = Array.from({ length: 10 }, (_, i) => `pod-${String.fromCharCode(97 + i)}${"x".repeat(i % 3)}`);
  host.completer = (_line, cursor) => ({ replaceFrom: cursor - 4, candidates: names, display: names });
  ld.input("pod-\t\t");
  const t = screenOf(host, 40).text();
  // max width 7 + 2 = 9 -> 4 columns of 9 in 40 cols, 3 rows
  assert.deepEqual(t.slice(1, 4), [
    "pod-a    pod-d    pod-g    pod-j",
    "pod-bx   pod-ex   pod-hx",
    "pod-cxx  pod-fxx  pod-ixx",
  ]);
  assert.equal(t[4], P + "pod-");
});

test("tab: more than 100 candidates asks first", () => {
  const { host, ld } = setup();
  const names = Array.from({ length: 150 }, (_, i) => `cm-${String(i).padStart(3, "0")}`);
  host.completer = (_line, cursor) => ({ replaceFrom: cursor - 3, candidates: names });
  ld.input("cm-\t\t");
  assert.ok(host.out.endsWith("\r\nDisplay all 150 possibilities? (y or n)"), JSON.stringify(host.out.slice(-60)));
  ld.input("n");
  assert.deepEqual(screenOf(host).text(), [P + "cm-", "Display all 150 possibilities? (y or n)", P + "cm-"]);
  ld.input("\t\ty");
  const t = screenOf(host).text();
  assert.ok(t.some((l) => l.startsWith("cm-000  ")));
  assert.equal(t[t.length - 1], P + "cm-");
});

test("async completion; input typed meanwhile is processed afterwards", async () => {
  const { host, ld } = setup();
  let release!: () => void;
  host.completer = (_line, cursor) =>
    new Promise((res) => {
      release = () => res({ replaceFrom: cursor - 3, candidates: ["kubectl"] });
    });
  ld.input("kub\t");
  ld.input("get");
  assert.equal(ld.state().line, "kub");
  release();
  await ld.idle();
  assert.equal(ld.state().line, "kubectl get");
  assert.equal(screenOf(host).text()[0], P + "kubectl get");
});

test("Korean text: double width cursor math", () => {
  const { host, ld } = setup();
  ld.input("echo 안녕하세요");
  let s = screenOf(host);
  assert.equal(s.col, P.length + 5 + 10);
  ld.input("\x1b[D\x1b[D");
  s = screenOf(host);
  assert.equal(s.col, P.length + 5 + 6);
  ld.input("X");
  s = screenOf(host);
  assert.deepEqual(s.text(), [P + "echo 안녕하X세요"]);
  assert.equal(s.col, P.length + 5 + 7);
  ld.input("\x7f\x7f");
  assert.equal(ld.state().line, "echo 안녕세요");
  assert.deepEqual(screenOf(host).text(), [P + "echo 안녕세요"]);
  ld.input("\x1bb");
  assert.equal(ld.state().cursor, 5);
});

test("Korean wide characters wrap at the right edge like the terminal", () => {
  const cols = 20; // prompt takes 16
  const { host, ld } = setup({ cols });
  ld.input("가나다"); // 가 fits (16-17), 나 (18-19), 다 wraps
  let s = screenOf(host, cols);
  assert.deepEqual(s.text(), [P + "가나", "다"]);
  assert.equal(s.row, 1);
  assert.equal(s.col, 2);
  ld.input("\x01라");
  s = screenOf(host, cols);
  assert.deepEqual(s.text(), [P + "라가", "나다"]);
  assert.equal(s.row, 0);
  assert.equal(s.col, 18);
});

test("long lines wrap and redraw correctly after edits in the middle", () => {
  for (const cols of [20, 23, 24, 80]) {
    const { host, ld } = setup({ cols });
    const text = "kubectl run nginx --image=nginx --restart=Never --dry-run=client -o yaml";
    ld.input(text);
    let s = screenOf(host, cols);
    const full = P + text;
    const expect: string[] = [];
    for (let i = 0; i < full.length; i += cols) expect.push(full.slice(i, i + cols));
    if (full.length % cols === 0) expect.push("");
    assert.deepEqual(s.text(), expect.map((l) => l.trimEnd()), `cols ${cols}`);
    // edit near the start, end of first row, and delete
    ld.input("\x01\x1bf\x1bf");
    ld.input("X");
    ld.input("\x05");
    for (let i = 0; i < 10; i++) ld.input("\x1b[D");
    ld.input("\x7f\x7fYY");
    const line = ld.state().line;
    s = screenOf(host, cols);
    const f2 = P + line;
    const exp2: string[] = [];
    for (let i = 0; i < f2.length; i += cols) exp2.push(f2.slice(i, i + cols).trimEnd());
    assert.deepEqual(s.text().filter((l, i) => i < exp2.length), exp2, `cols ${cols}`);
    const pos = P.length + ld.state().cursor;
    assert.equal(s.row, Math.floor(pos / cols), `cols ${cols}`);
    assert.equal(s.col, pos % cols, `cols ${cols}`);
  }
});

test("a line that exactly fills the row puts the cursor on the next row", () => {
  const cols = 20;
  const { host, ld } = setup({ cols });
  ld.input("abcd");
  let s = screenOf(host, cols);
  assert.deepEqual(s.text(), [P + "abcd"]);
  assert.equal(s.row, 1);
  assert.equal(s.col, 0);
  ld.input("e");
  s = screenOf(host, cols);
  assert.deepEqual(s.text(), [P + "abcd", "e"]);
  ld.input("\x7f\x7f");
  s = screenOf(host, cols);
  assert.deepEqual(s.text(), [P + "abc"]);
  assert.equal(s.col, 19);
});

test("resize recomputes wrapping", () => {
  const { host, ld } = setup({ cols: 40 });
  ld.input("kubectl get pods --all-namespaces");
  ld.resize(30, 24);
  // the terminal reflows the wrapped line itself; emulate that on a 30-column screen
  const s = new Screen(30);
  s.write(P + "kubectl get pods --all-namespaces");
  const before = host.out.length;
  ld.input("X");
  assert.equal(host.out.slice(before), "X"); // cursor was known to be at the end
  ld.input("\x01");
  s.write(host.out.slice(before));
  assert.deepEqual(s.text(), ["controlplane:~$ kubectl get po", "ds --all-namespacesX"]);
  assert.equal(s.row, 0);
  assert.equal(s.col, P.length);
});

test("state() round-trips a partial line and continuation", () => {
  const { ld } = setup();
  ld.input("cat <<EOF\r");
  ld.input("hello 세계\x1b[D");
  const st = JSON.parse(JSON.stringify(ld.state()));
  assert.deepEqual(st, { v: 1, line: "hello 세계", cursor: 7, continuation: ["cat <<EOF"], kill: "" });
  const host = new FakeHost();
  const ld2 = new LineDiscipline(host, { state: st });
  host.ld = ld2;
  ld2.start();
  assert.equal(screenOf(host).text()[0], "> hello 세계");
  ld2.input("\x05\rEOF\r");
  return ld2.idle().then(() => {
    assert.deepEqual(host.executed, ["cat <<EOF\nhello 세계\nEOF"]);
  });
});

test("printAbove writes a notice above the line being edited", () => {
  const { host, ld } = setup();
  ld.input("kubectl get");
  ld.printAbove("[1]+  Done                    sleep 5\r\n");
  assert.deepEqual(screenOf(host).text(), ["[1]+  Done                    sleep 5", P + "kubectl get"]);
});

test("Alt-. inserts the last argument of the previous command", () => {
  const { host, ld } = setup();
  host.history.push("vim pod.yaml");
  host.history.unshift("cat svc.yaml");
  ld.input("kubectl apply -f \x1b.");
  assert.equal(ld.state().line, "kubectl apply -f pod.yaml");
  ld.input("\x1b.");
  assert.equal(ld.state().line, "kubectl apply -f svc.yaml");
  ld.input("\x1b.");
  assert.equal(ld.state().line, "kubectl apply -f ");
  assert.deepEqual(screenOf(host).text(), [P + "kubectl apply -f"]);
});

test("line length is capped with a bell", () => {
  const { host, ld } = setup();
  ld.input("a".repeat(MAX_LINE + 100));
  assert.equal(ld.state().line.length, MAX_LINE);
  assert.ok(host.out.includes("\x07"));
});

test("hostile input terminates quickly", async () => {
  const { host, ld } = setup();
  host.completer = (_l, c) => ({ replaceFrom: c, candidates: ["a", "b"] });
  host.history.push("x".repeat(1000));
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const t0 = Date.now();
  // megabytes of random bytes, in big and small chunks
  for (let k = 0; k < 3; k++) {
    let s = "";
    for (let i = 0; i < 1 << 20; i++) s += String.fromCharCode(rnd());
    ld.input(s);
    await ld.idle();
  }
  for (let k = 0; k < 2000; k++) {
    let s = "";
    for (let i = 0; i < 64; i++) s += String.fromCharCode(rnd());
    ld.input(s);
  }
  await ld.idle();
  // middle-of-line edits on a maximal line
  ld.input("\x03" + "y".repeat(MAX_LINE));
  ld.input("\x01" + "\x1b[C".repeat(10) + "ab\x7f\x7f".repeat(200000));
  ld.input("\x1b[200~" + "z\n".repeat(300000) + "\x1b[201~");
  ld.input("\x1b[" + "1;".repeat(100000));
  ld.input("\x1b]" + "t".repeat(100000));
  ld.input("\x03");
  await ld.idle();
  ld.input("echo ok\r");
  await ld.idle();
  const ms = Date.now() - t0;
  assert.ok(ms < 15000, `took ${ms} ms`);
  assert.equal(host.executed[host.executed.length - 1], "echo ok");
});

test("a huge heredoc paste is bounded", async () => {
  const { host, ld } = setup();
  const t0 = Date.now();
  ld.input("\x1b[200~cat <<EOF\r" + "line of yaml: value\r".repeat(50000) + "EOF\r\x1b[201~");
  await ld.idle();
  ld.input("\x03echo after\r");
  await ld.idle();
  assert.ok(Date.now() - t0 < 10000);
  assert.equal(host.executed[host.executed.length - 1], "echo after");
});

test("a multi-line history entry is recalled, shown on several rows, and re-run whole", async () => {
  const { host, ld } = setup();
  host.history.push("cat <<EOF\nhello\nEOF");
  ld.input("\x1b[A");
  assert.deepEqual(screenOf(host).text(), [P + "cat <<EOF", "hello", "EOF"]);
  ld.input("\x1b[D\x1b[D\x1b[D\x7f"); // cursor to the start of "EOF", join with previous row
  assert.deepEqual(screenOf(host).text(), [P + "cat <<EOF", "helloEOF"]);
  ld.input("\x1b[B\x1b[A"); // readline keeps the edit while navigating
  assert.equal(ld.state().line, "cat <<EOF\nhelloEOF");
  ld.input("\x03\x1b[A\r"); // ^C forgets edits
  await ld.idle();
  assert.deepEqual(host.executed, ["cat <<EOF\nhello\nEOF"]);
  assert.deepEqual(screenOf(host).text().slice(-4), [P + "cat <<EOF", "hello", "EOF", P.trimEnd()]);
});

test("Ctrl-C cancels a pending asynchronous completion", async () => {
  const { host, ld } = setup();
  let release!: () => void;
  host.completer = (_l, c) =>
    new Promise((res) => {
      release = () => res({ replaceFrom: c - 3, candidates: ["kubectl"] });
    });
  ld.input("kub\t");
  ld.input("\x03");
  release();
  await ld.idle();
  assert.equal(ld.state().line, "");
  ld.input("ls\r");
  await ld.idle();
  assert.deepEqual(host.executed, ["ls"]);
});

test("writeOutput tracks the column through colours and Korean text", async () => {
  const { host, ld } = setup();
  host.outputFor["echo -n x"] = "\x1b[32m파드\x1b[0m";
  ld.input("echo -n x\r");
  await ld.idle();
  ld.input("ab\x7f");
  const s = new Screen(80);
  s.write(host.out.replace(/\x1b\[[0-9;]*m/g, ""));
  assert.deepEqual(s.text(), [P + "echo -n x", "파드" + P + "a"]);
});

test("prompt with colours and \\x01..\\x02 markers is measured without them", () => {
  const host = new FakeHost();
  host.promptText = "\x01\x1b[1;32m\x02controlplane\x01\x1b[0m\x02:~$ ";
  const ld = new LineDiscipline(host, { cols: 20 });
  host.ld = ld;
  ld.start();
  ld.input("abcdef\x01");
  assert.ok(!host.out.includes("\x01") && !host.out.includes("\x02"));
  const s = new Screen(20);
  s.write(host.out.replace(/\x1b\[[0-9;]*m/g, ""));
  assert.deepEqual(s.text(), ["controlplane:~$ abcd", "ef"]);
  assert.equal(s.row, 0);
  assert.equal(s.col, 16);
});

test("bracketedPaste option turns the mode on at start", () => {
  const host = new FakeHost();
  const ld = new LineDiscipline(host, { bracketedPaste: true });
  ld.start();
  assert.equal(host.out, "\x1b[?2004h" + P);
});

test("input before start() is kept and processed after the first prompt", async () => {
  const host = new FakeHost();
  const ld = new LineDiscipline(host);
  host.ld = ld;
  ld.input("ls\r");
  assert.equal(host.out, "");
  ld.start();
  await ld.idle();
  assert.deepEqual(host.executed, ["ls"]);
});

test("a failing execute prints an error and returns to the prompt", async () => {
  const { host, ld } = setup();
  host.execute = () => Promise.reject(new Error("boom"));
  ld.input("x\r");
  await ld.idle();
  assert.equal(ld.busy, false);
  assert.deepEqual(screenOf(host).text(), [P + "x", "kubelab: internal error: boom", P.trimEnd()]);
});

test("a lone Escape does not block idle(); ESC then b is Alt-b", async () => {
  const { ld } = setup();
  ld.input("abc");
  ld.input("\x1b");
  await ld.idle();
  ld.input("b");
  ld.input("X");
  assert.equal(ld.state().line, "Xabc");
  ld.input("\x1b");
  ld.input("\r");
  await ld.idle();
  assert.equal(ld.state().line, "");
});

test("history: bell past the oldest and newest entries (bash)", () => {
  const { host, ld } = setup();
  host.history.push("echo 1");
  ld.input("\x1b[A");
  const before = host.out.length;
  ld.input("\x1b[A");
  assert.equal(host.out.slice(before), "\x07");
  ld.input("\x1b[B");
  assert.equal(ld.state().line, "");
  const b2 = host.out.length;
  ld.input("\x1b[B");
  assert.equal(host.out.slice(b2), "\x07");
});

test("hostile: history and search keys on huge lines stay bounded", async () => {
  const { host, ld } = setup();
  for (let i = 0; i < 200; i++) host.history.push(`${i} ` + "h".repeat(60000));
  const t0 = Date.now();
  ld.input("\x10\x0e".repeat(400000));
  ld.input("\x12" + "h".repeat(300000));
  ld.input("\x07" + "\x1b[A\x1b[B".repeat(100000));
  ld.input("\x03ls\r");
  await ld.idle();
  const ms = Date.now() - t0;
  assert.ok(ms < 10000, `took ${ms} ms`);
  assert.equal(host.executed[host.executed.length - 1], "ls");
});
