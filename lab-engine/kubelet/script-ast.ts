// Container scripts are parsed by the terminal shell's parser (lab-engine/shell/parser.ts), so
// `sh -c` in a pod spec accepts the same grammar as the prompt: if/elif/else, while/until, for,
// case, functions, groups, here-documents, comments, quoting. This file turns that syntax tree
// into the timeline interpreter's nodes (shell-sim.ts). Words keep their source text: the
// timeline interpreter expands them against its own clock and files.
//
// What the timeline interpreter cannot run (`[[ ]]`, `(( ))`, C-style for, `!` pipelines,
// compound commands inside a pipe or an if/while condition) makes this return undefined, and
// the caller falls back to its own statement splitter for that script.

import { parse } from "../shell/parser.ts";
import type { AndOr, Command, List, Redir, Word } from "../shell/ast.ts";
import type { Node, Stmt } from "./shell-sim.ts";

class Unsupported extends Error {}

/** The script as timeline nodes, or undefined when it uses something only the fallback handles. */
export function scriptNodes(src: string): Node[] | undefined {
  let list: List;
  try {
    list = parse(src);
  } catch {
    return undefined; // syntax errors: the fallback reports them as the script runs
  }
  try {
    return listNodes(list);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function listNodes(list: List): Node[] {
  const out: Node[] = [];
  for (const item of list.items) out.push(...andOrNodes(item.ao));
  return out;
}

function andOrNodes(ao: AndOr): Node[] {
  const out = [pipelineNode(ao.first.cmds, ao.first.negate, ";")];
  for (const r of ao.rest) out.push(pipelineNode(r.p.cmds, r.p.negate, r.op));
  return out;
}

function pipelineNode(cmds: Command[], negate: boolean, conn: Stmt["conn"]): Node {
  if (negate) throw new Unsupported();
  if (cmds.length === 1) return commandNode(cmds[0], conn);
  const last = cmds[cmds.length - 1];
  if (last.t === "while" && !last.until && !last.redirs.length && readWords(last.cond)) {
    const producer = cmds.slice(0, -1).flatMap((c, i) => (i ? ["|", ...simpleWords(c)] : simpleWords(c)));
    return { kind: "readloop", producer, read: readWords(last.cond)!.slice(1), body: listNodes(last.body), subshell: true, conn };
  }
  return { kind: "cmd", stmt: { words: cmds.flatMap((c, i) => (i ? ["|", ...simpleWords(c)] : simpleWords(c))), conn } };
}

function commandNode(c: Command, conn: Stmt["conn"]): Node {
  switch (c.t) {
    case "simple":
      return { kind: "cmd", stmt: { words: simpleWords(c), conn } };
    case "if": {
      noRedirs(c.redirs);
      const branches: { cond?: Stmt; body: Node[] }[] = c.clauses.map((cl) => ({ cond: condStmt(cl.cond), body: listNodes(cl.body) }));
      if (c.otherwise) branches.push({ body: listNodes(c.otherwise) });
      return { kind: "if", branches, conn };
    }
    case "while":
      // `while read line; do …; done < file`
      if (!c.until && c.redirs.length === 1 && c.redirs[0].op === "<" && (c.redirs[0].fd === null || c.redirs[0].fd === 0) && readWords(c.cond)) {
        return { kind: "readloop", producer: ["<", text(c.redirs[0].target)], read: readWords(c.cond)!.slice(1), body: listNodes(c.body), subshell: false, conn };
      }
      noRedirs(c.redirs);
      return { kind: "while", cond: condStmt(c.cond), body: listNodes(c.body), until: c.until, conn };
    case "for":
      noRedirs(c.redirs);
      return { kind: "for", v: c.name, list: c.items ? c.items.map(text) : ["$@"], body: listNodes(c.body), conn };
    case "case":
      noRedirs(c.redirs);
      return { kind: "case", word: text(c.word), items: c.items.map((it) => ({ patterns: it.patterns.map(text), body: listNodes(it.body) })), conn };
    case "group":
    case "subshell":
      noRedirs(c.redirs);
      return { kind: "group", body: listNodes(c.body), conn };
    case "func":
      noRedirs(c.redirs);
      return { kind: "func", name: c.name, body: [commandNode(c.body, ";")], conn };
    default:
      throw new Unsupported();
  }
}

/** `read [-r] NAME…` as a loop condition: its words, else undefined. */
function readWords(cond: List): string[] | undefined {
  try {
    const all = condStmt(cond).words;
    // `IFS= read -r line`, `IFS=: read a b`: the assignment word goes to the loop as is.
    const ifs = all[0]?.startsWith("IFS=") ? [all[0]] : [];
    const words = ifs.length ? all.slice(1) : all;
    return words[0] === "read" && words.slice(1).every((w) => /^(-r|[A-Za-z_][A-Za-z0-9_]*)$/.test(w)) ? [...words, ...ifs] : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** An if/while condition: one simple command (what the timeline interpreter evaluates). */
function condStmt(list: List): Stmt {
  if (list.items.length !== 1) throw new Unsupported();
  const ao = list.items[0].ao;
  if (ao.rest.length || ao.first.negate || ao.first.cmds.length !== 1) throw new Unsupported();
  return { words: simpleWords(ao.first.cmds[0]), conn: ";" };
}

/** A simple command as the raw words the timeline interpreter reads (quotes kept). */
function simpleWords(c: Command): string[] {
  if (c.t !== "simple") throw new Unsupported();
  const words = [...c.assigns.map((a) => {
    if (a.array) throw new Unsupported();
    return `${a.name}${a.append ? "+=" : "="}${a.value ? text(a.value) : ""}`;
  }), ...c.words.map(text)];
  const redirs: string[] = [];
  let stdin: string[] | undefined;
  for (const r of c.redirs) {
    const fd = r.fd === null ? "" : String(r.fd);
    if (r.op === "<<" || r.op === "<<-") stdin = heredocSource(r);
    else if (r.op === "<<<") stdin = ["printf", "'%s\\n'", text(r.target)];
    else if (r.op === "<" && (r.fd === null || r.fd === 0)) stdin = ["<", text(r.target)];
    else if (r.op === ">&" || r.op === "<&") redirs.push(`${fd}${r.op}${text(r.target)}`);
    else if (r.op === ">" || r.op === ">>") redirs.push(`${fd}${r.op}`, text(r.target));
    else if (r.op === "&>") redirs.push(">", text(r.target), "2>&1");
    else throw new Unsupported();
  }
  // A here-document feeds the command's stdin: the timeline interpreter pipes it in.
  if (stdin !== undefined) return [...stdin, "|", ...words, ...redirs];
  return [...words, ...redirs];
}

/** `printf '%s' BODY`, which prints a here-document (expanded like double quotes unless quoted). */
function heredocSource(r: Redir): string[] {
  const body = r.heredoc?.body ?? "";
  const quoted = r.heredoc?.expand === false ? `'${body.replace(/'/g, `'\\''`)}'` : `"${body.replace(/"/g, '\\"')}"`;
  return ["printf", "'%s'", quoted];
}

function text(w: Word): string {
  // The fallback splitter turned backticks into $( ); keep one form for the interpreter.
  if (w.text.includes("`")) throw new Unsupported();
  return w.text;
}

function noRedirs(rs: Redir[]): void {
  if (rs.length) throw new Unsupported();
}
