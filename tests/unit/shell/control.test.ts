// Control flow, pipes, redirections, heredocs, syntax errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeShell } from "./harness.ts";

const cases: [string, string, string?, number?][] = [
  ["if true; then echo yes; else echo no; fi", "yes\n"],
  ["if false; then echo 1; elif [ a = a ]; then echo 2; else echo 3; fi", "2\n"],
  ["i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n"],
  ["i=0; until [ $i -ge 2 ]; do echo u$i; ((i++)); done", "u0\nu1\n"],
  ["for ((i=0;i<3;i++)); do echo c$i; done", "c0\nc1\nc2\n"],
  ["for x in a b c; do if [ $x = b ]; then continue; fi; echo $x; done", "a\nc\n"],
  ["for x in 1 2 3; do for y in a b; do [ $y = b ] && break 2; echo $x$y; done; done", "1a\n"],
  ["for i in; do echo x; done; echo y", "y\n"],
  ["case foo.txt in *.yaml) echo y;; *.txt) echo t;; *) echo o;; esac", "t\n"],
  ["case b in a|b) echo ab;& c) echo fell;; esac", "ab\nfell\n"],
  ["f() { echo args:$# $1 $2; return 3; }; f a b; echo $?", "args:2 a b\n3\n"],
  ["f() { local x=in; echo $x; }; x=out; f; echo $x", "in\nout\n"],
  ["function g { echo g; }; g", "g\n"],
  ["false; echo $?; true; echo $?", "1\n0\n"],
  ["false || echo or; true && echo and; false && echo no; echo end", "or\nand\nend\n"],
  ["! false; echo $?", "0\n"],
  ["(cd /; pwd); pwd", "/\n/root\n"],
  ["x=1; (x=2); echo $x", "1\n"],
  ["echo a | cat; echo b | { read x; echo got $x; }", "a\ngot b\n"],
  ["echo a b | while read x y; do echo $y $x; done", "b a\n"],
  ["printf '%s\\n' a b c | while read l; do echo \"<$l>\"; done", "<a>\n<b>\n<c>\n"],
  ["true | false; echo $?; set -o pipefail; false | true; echo $?", "1\n1\n"],
  ["set -e; false; echo notreached", "", "", 1],
  ["set -e; if false; then :; fi; false || true; echo reached", "reached\n"],
  ["echo hi | upper", "HI\n"],
  ["echo hi |& upper", "HI\n"],
  ["{ echo a; echo b >&2; } 2>&1 | upper", "A\nB\n"],
  ["echo one; echo two >&2", "one\n", "two\n"],
  ["echo 2>&1 >/dev/null hello", ""],
  ["echo a >&2 2>/dev/null", "", "a\n"],
  ["kubectl fail 2>/dev/null; echo $?", "1\n"],
  ["kubectl fail > /dev/null 2>&1; echo $?", "1\n"],
  ["kubectl fail &> /dev/null; echo $?", "1\n"],
  ["echo a # comment", "a\n"],
  ["echo a \\\nb", "a b\n"],
  ["echo a &", "a\n", "[1] 4330\n"],
  ["eval 'echo ev; echo $((2+2))'", "ev\n4\n"],
  ["let a=3+4; echo $a", "7\n"],
  ["exit 3; echo no", "", "", 3],
  ["cat <<'EOF'\n$HOME `x`\nEOF", "$HOME `x`\n"],
  ['cat <<"EOF"\n$HOME\nEOF', "$HOME\n"],
  ["cat <<EOF\n$HOME $((1+1)) $(echo sub) \\$x\nEOF", "/root 2 sub $x\n"],
  ["cat <<-EOF\n\tindented\n\tEOF\necho after", "indented\nafter\n"],
  ["cat <<< 'here string'", "here string\n"],
  ["read a b <<< 'one two three'; echo $a/$b", "one/two three\n"],
  ["kubectl apply -f - <<EOF\nkind: Pod\nEOF", "kubectl:apply,-f,-\nstdin:kind: Pod\n"],
  ["cat <<A; cat <<B\na\nA\nb\nB", "a\nb\n"],
  ["x=$(cat <<EOF\ninner\nEOF\n); echo $x", "inner\n"],
  ["nosuchcmd; echo $?", "127\n", "bash: nosuchcmd: command not found\n"],
  ["cd /nonexistent; echo $?", "1\n", "bash: cd: /nonexistent: No such file or directory\n"],
  ["echo hi > /x/y; echo $?", "1\n", "bash: /x/y: No such file or directory\n"],
  ["echo hi > /tmp; echo $?", "1\n", "bash: /tmp: Is a directory\n"],
  ["cat < /nope", "", "bash: /nope: No such file or directory\n", 1],
  ["echo a; )", "", "bash: syntax error near unexpected token `)'\n", 2],
  ["if true; then fi", "", "bash: syntax error near unexpected token `fi'\n", 2],
  ["echo a;; echo b", "", "bash: syntax error near unexpected token `;;'\n", 2],
  ["echo >", "", "bash: syntax error near unexpected token `newline'\n", 2],
  ["| x", "", "bash: syntax error near unexpected token `|'\n", 2],
  ["echo 'unterminated", "", "bash: unexpected EOF while looking for matching `''\n", 2],
  ['echo "abc', "", 'bash: unexpected EOF while looking for matching `"\'\n', 2],
  ["if true; then echo x", "", "bash: syntax error: unexpected end of file\n", 2],
  ["echo before\necho a; fi\necho after", "before\n", "bash: syntax error near unexpected token `fi'\n", 2],
  ["cat <<EOF\nno end", "no end\n", "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n"],
  ["return", "", "bash: return: can only `return' from a function or sourced script\n", 1],
  ["[ a = ]; echo $?", "2\n", "bash: [: a: unary operator expected\n"],
  ["[ 1 -eq x ]; echo $?", "2\n", "bash: [: x: integer expression expected\n"],
  ["[ -z '' ] && echo empty; [ -n x ] && echo nonempty; [ 1 -eq 1 -a 2 -gt 1 ] && echo both; [ ! -d /nope ] && echo nodir", "empty\nnonempty\nboth\nnodir\n"],
  ["[[ foo == f* ]] && echo glob; [[ 'f*' == \"f*\" ]] && echo lit; [[ abc =~ ^a(b|c)c$ ]] && echo re; [[ -d /tmp && ! -f /tmp ]] && echo dir", "glob\nlit\nre\ndir\n"],
  ["test -f /nope || echo missing", "missing\n"],
  ["printf '  a b  \\n' | while IFS= read -r l; do echo \"[$l]\"; done; printf ' x  y z \\n' | { read a b; echo \"[$a][$b]\"; }", "[  a b  ]\n[x][y z]\n"],
  ["set -x; echo 'a b' c; set +x", "a b c\n", "+ echo 'a b' c\n+ set +x\n"],
];

test("control flow, pipes, redirections, heredocs and errors match bash", async () => {
  for (const [input, out, err = "", code = 0] of cases) {
    const { run } = makeShell();
    const r = await run(input);
    assert.deepEqual(r, { stdout: out, stderr: err, exitCode: code }, input);
  }
});

test("redirections write to the virtual FS", async () => {
  const { run, fs } = makeShell();
  await run("echo hi > /tmp/f; echo more >> /tmp/f; kubectl fail 2> /tmp/err; kubectl get po &> /tmp/both");
  assert.equal(fs.readFile("/tmp/f"), "hi\nmore\n");
  assert.equal(fs.readFile("/tmp/err"), "error: boom\n");
  assert.equal(fs.readFile("/tmp/both"), "kubectl:get,po\n");
  assert.deepEqual(await run("cat /tmp/f | upper > /tmp/g; cat /tmp/g"), { stdout: "HI\nMORE\n", stderr: "", exitCode: 0 });
  await run("> /tmp/empty");
  assert.equal(fs.readFile("/tmp/empty"), "");
  assert.deepEqual(await run("while read l; do echo [$l]; done < /tmp/f"), { stdout: "[hi]\n[more]\n", stderr: "", exitCode: 0 });
  await run("for i in 1 2; do echo $i; done > /tmp/loop");
  assert.equal(fs.readFile("/tmp/loop"), "1\n2\n");
});

test("stdout is a TTY only when not piped or redirected", async () => {
  const seen: string[] = [];
  const { sh } = makeShell({
    tty: async (ctx) => {
      seen.push(`${ctx.stdoutIsTTY}/${ctx.stdinIsTTY}`);
      return 0;
    },
  });
  const sink = { write() {} };
  await sh.run("tty; tty | tty; tty > /dev/null", { stdout: sink, stderr: sink });
  assert.deepEqual(seen, ["true/true", "false/true", "true/false", "false/true"]);
});
