// The bash syntax tree. Plain data so parsed functions could be cached or inspected in tests;
// functions are stored in shell state as source text (`src`) and re-parsed on restore.

export type WordPart =
  /** Literal text. `q` = quoted: no field splitting, no globbing. */
  | { k: "lit"; v: string; q: boolean }
  /** `$name` or `${raw}`: `raw` is what sits between the braces, interpreted at run time. */
  | { k: "param"; raw: string; q: boolean; braced: boolean }
  /** `$(…)` or backticks. */
  | { k: "cmd"; body: List; q: boolean }
  /** `$((…))`: the raw expression, expanded like a double-quoted string before evaluation. */
  | { k: "arith"; raw: string; q: boolean }
  /** `<(…)` / `>(…)`. */
  | { k: "proc"; body: List; dir: "<" | ">" }
  /** `~` or `~user` at the start of a word. */
  | { k: "tilde"; user: string };

export interface Word {
  parts: WordPart[];
  /** Source text, for alias expansion, error messages and `[[` operators. */
  text: string;
}

export interface Assign {
  name: string;
  value: Word | null;
  /** `a=(x y)`: arrays are kept as their elements joined by spaces (a simulation shortcut). */
  array?: Word[];
  append: boolean;
}

export interface Redir {
  /** Explicit fd before the operator (`2>`), or null for the operator's default. */
  fd: number | null;
  op: "<" | ">" | ">>" | ">|" | "<>" | ">&" | "<&" | "&>" | "&>>" | "<<" | "<<-" | "<<<";
  target: Word;
  /** Here-document body (for `<<`/`<<-`), filled in when the body lines are read. */
  heredoc?: { body: string; expand: boolean };
}

export type Command =
  | { t: "simple"; assigns: Assign[]; words: Word[]; redirs: Redir[]; src: string; wordsStart: number }
  | { t: "if"; clauses: { cond: List; body: List }[]; otherwise: List | null; redirs: Redir[] }
  | { t: "for"; name: string; items: Word[] | null; body: List; redirs: Redir[] }
  | { t: "cfor"; init: string; cond: string; step: string; body: List; redirs: Redir[] }
  | { t: "while"; until: boolean; cond: List; body: List; redirs: Redir[] }
  | { t: "case"; word: Word; items: { patterns: Word[]; body: List; term: string }[]; redirs: Redir[] }
  | { t: "group"; body: List; redirs: Redir[] }
  | { t: "subshell"; body: List; redirs: Redir[] }
  | { t: "func"; name: string; body: Command; src: string; redirs: Redir[] }
  | { t: "arith"; expr: string; redirs: Redir[] }
  | { t: "dtest"; words: Word[]; redirs: Redir[] };

export interface Pipeline {
  negate: boolean;
  cmds: Command[];
  /** `|&` after stage i: its stderr goes down the pipe too. */
  stderrToo: boolean[];
  /** `time pipeline`: report clock time on stderr afterwards. */
  timed?: boolean;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; p: Pipeline }[];
}

export interface List {
  /** `src`: the item's text, for `cmd &` (the job runs it in a child shell; `jobs` shows it). */
  items: { ao: AndOr; bg: boolean; src?: string }[];
}
