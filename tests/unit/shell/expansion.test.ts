// Quoting, parameter/command/arithmetic expansion, compared against bash 5 by hand.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeShell } from "./harness.ts";

const cases: [string, string, string?, number?][] = [
  [`echo a'b'"c"\\d`, "abcd\n"],
  [`x='a  b'; echo $x; echo "$x"`, "a b\na  b\n"],
  [`echo "a\\$b\\"c\\\\d\\e"`, 'a$b"c\\d\\e\n'],
  [`echo $'a\\tb'`, "a\tb\n"],
  [`echo '$HOME' "$HOME" \\$HOME`, "$HOME /root $HOME\n"],
  [`v=; echo \${v:-def} \${v-set} \${u:=new} $u`, "def new new\n"],
  [`v=hello.tar.gz; echo \${v%.*} \${v%%.*} \${v#*.} \${v##*.} \${#v} \${v/l/L} \${v//l/L} \${v:1:3} \${v^^}`, "hello.tar hello tar.gz gz 12 heLlo.tar.gz heLLo.tar.gz ell HELLO.TAR.GZ\n"],
  [`x=abc; echo \${x:1} \${x: -1} \${x:0:1}`, "bc c a\n"],
  [`v=hello.tar.gz; echo \${v/l*l/X} \${v/#h*l/Y} \${v/%g*/Z} \${v/#x/-}`, "heXo.tar.gz Yo.tar.gz hello.tar.Z hello.tar.gz\n"],
  [`echo $((1+2*3)) $((10/3)) $((10%3)) $((2**10)) $(( (1+2)*3 )) $((1<2)) $((5>3?1:0))`, "7 3 1 1024 9 1 1\n"],
  [`echo $((x=5, x*2)); echo $x`, "10\n5\n"],
  [`x=$(echo hi); echo "[$x]"`, "[hi]\n"],
  [`echo $(echo a $(echo b)) \`echo c\`d`, "a b cd\n"],
  [`echo "$(printf 'a\\n\\n')" | upper`, "A\n"],
  [`echo {1..5} {a,b}x {c..a} {01..03}`, "1 2 3 4 5 ax bx c b a 01 02 03\n"],
  [`echo "\${HOME}x" ~ ~/a`, "/rootx /root /root/a\n"],
  [`a=1; a+=2; echo $a`, "12\n"],
  [`set -- x y z; echo $# $2; shift; echo $1 "$@"`, "3 y\ny y z\n"],
  [`f(){ for a in "$@"; do echo "[$a]"; done; }; f 'a b' c ''`, "[a b]\n[c]\n[]\n"],
  [`unset x; echo \${x-unset}`, "unset\n"],
  [`echo $? $$ $0`, "0 4217 bash\n"],
  [`IFS=,; read -r a b <<< 'p,q'; echo $a $b`, "p q\n"],
  [`echo \${x:?is required}; echo after`, "", "bash: x: is required\n", 1],
  [`echo $(( 1/0 )); echo next`, "", 'bash: 1/0 : division by 0 (error token is "0 ")\n', 1],
  [`echo $(( 2 + ))`, "", 'bash: 2 + : syntax error: operand expected (error token is "+ ")\n', 1],
  [`echo \${x/}`, "\n"],
  [`echo \${!}`, "\n"],
  [`printf '%s-%d\\n' a 1 b 2`, "a-1\nb-2\n"],
  [`printf '%5s|%-5s|%05d|%x|%o|%.2f\\n' ab cd 42 255 8 3.14159`, "   ab|cd   |00042|ff|10|3.14\n"],
  [`printf '%q\\n' 'a b' "it's" '' abc`, "a\\ b\nit\\'s\n''\nabc\n"],
  [`echo -n x; echo -e 'a\\tb'; echo -e 'c\\cd'`, "xa\tb\nc"],
  [`v='a:b:c'; IFS=:; for w in $v; do echo $w; done`, "a\nb\nc\n"],
  [`f() { echo $FUNCNAME; }; f`, "f\n"],
  [`echo $((0 && 1/0)) $((1 || 1/0)) $((1 ? 2 : 1/0))`, "0 1 2\n"],
  [`echo abc > /tmp/f; echo "[$(< /tmp/f)]"`, "[abc]\n"],
  [`echo $(( 0x10 + 010 + 2#101 ))`, "29\n"],
  [`a=(x y z); echo \${a[@]} \${#a[@]} \${a[1]}`, "x y z 3 y\n"],
  [`echo "nested $(echo "inner $(echo deep)")"`, "nested inner deep\n"],
];

test("expansions and quoting match bash", async () => {
  for (const [input, out, err = "", code = 0] of cases) {
    const { run } = makeShell();
    const r = await run(input);
    assert.deepEqual(r, { stdout: out, stderr: err, exitCode: code }, input);
  }
});

test("$RANDOM is seeded and stored in state", async () => {
  const a = makeShell();
  const b = makeShell();
  const ra = (await a.run("echo $RANDOM $RANDOM")).stdout;
  assert.equal(ra, (await b.run("echo $RANDOM $RANDOM")).stdout);
  assert.match(ra, /^\d+ \d+\n$/);
  assert.notEqual((await a.run("echo $RANDOM")).stdout, ra.split(" ")[0] + "\n");
});

test("globs expand against the virtual FS, sorted; no match keeps the word", async () => {
  const { run } = makeShell();
  await run("cd /tmp && touch b.yaml a.yaml c.txt .hidden.yaml && mkdir d");
  assert.equal((await run("echo *.yaml")).stdout, "a.yaml b.yaml\n");
  assert.equal((await run("echo ?.txt /tmp/*.txt")).stdout, "c.txt /tmp/c.txt\n");
  assert.equal((await run("echo *.json '*.yaml'")).stdout, "*.json *.yaml\n");
  assert.equal((await run('x="*.yaml"; echo $x "$x"')).stdout, "a.yaml b.yaml *.yaml\n");
  assert.equal((await run("echo [ab].yaml")).stdout, "a.yaml b.yaml\n");
});
