// isIncomplete drives the terminal's `> ` continuation prompt; parse() builds the AST.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isIncomplete, parse, ParseError } from "../../../lab-engine/shell/parser.ts";
import { KUBECTL_COMPLETION, makeShell } from "./harness.ts";

test("isIncomplete: input that needs more lines", () => {
  for (const s of [
    'echo "abc',
    "echo 'abc",
    "echo `x",
    "echo $(echo",
    "cat <<EOF",
    "cat <<EOF\nline",
    "cat <<'EOF'\nline\n",
    "kubectl get po |",
    "true &&",
    "false ||",
    "echo a \\",
    "if true; then",
    "if true; then echo; else",
    "for i in 1 2; do",
    "while true",
    "case x in",
    "{ echo a",
    "( echo a",
    "f() {",
    "echo ${x",
    "[[ -f x",
  ]) {
    assert.equal(isIncomplete(s), true, JSON.stringify(s));
  }
});

test("isIncomplete: complete input, including syntax errors (bash reports them at once)", () => {
  for (const s of ["", "echo hi", "echo 'a' \"b\"", "cat <<EOF\nx\nEOF", "if true; then echo; fi", "echo a; fi", "for i in 1; do echo; done", "echo a \\\nb", "echo )", "echo # it's a comment", "k get po | grep x"]) {
    assert.equal(isIncomplete(s), false, JSON.stringify(s));
  }
});

test("parse: AST for a pipeline with redirections and a heredoc", () => {
  const l = parse("A=1 kubectl apply -f - 2>&1 <<EOF | upper\nkind: Pod\nEOF\n");
  const p = l.items[0].ao.first;
  assert.equal(p.cmds.length, 2);
  const c = p.cmds[0];
  assert.equal(c.t, "simple");
  if (c.t !== "simple") return;
  assert.deepEqual(c.assigns.map((a) => a.name), ["A"]);
  assert.deepEqual(c.words.map((w) => w.text), ["kubectl", "apply", "-f", "-"]);
  assert.deepEqual(c.redirs.map((r) => [r.fd, r.op, r.target.text]), [[2, ">&", "1"], [null, "<<", "EOF"]]);
  assert.deepEqual(c.redirs[1].heredoc, { body: "kind: Pod\n", expand: true });
});

test("parse: the real kubectl 1.32 completion script", () => {
  const l = parse(KUBECTL_COMPLETION);
  assert.ok(l.items.length > 5);
});

test("parse errors carry bash's message", () => {
  assert.throws(() => parse("echo a; done"), new ParseError("bash: syntax error near unexpected token `done'"));
  assert.throws(() => parse("echo a &&"), new ParseError("bash: syntax error: unexpected end of file", true));
});

test("pasted multi-line input runs line by line", async () => {
  const { run } = makeShell();
  const paste = "alias k=kubectl\nk get po\ncat <<EOF | upper\nhello\nEOF\nfor i in 1 2\ndo\n  echo $i\ndone\n";
  assert.deepEqual(await run(paste), { stdout: "kubectl:get,po\nHELLO\n1\n2\n", stderr: "", exitCode: 0 });
});
