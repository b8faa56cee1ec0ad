// The coreutils the shell provides itself; the sandbox's command table (kubectl, text tools,
// curl…) is consulted first, so it can override any of these.

import type { CommandTable } from "../types.ts";
import { cat, chmod, cp, mkdir, mv, rm, rmdir, touch } from "./files.ts";
import { ls } from "./ls.ts";
import { basename, date, dirname, hostname, id, uname, whoami, yes } from "./system.ts";

// Null prototype: looked up by whatever name is typed (`constructor` is not a command).
export const CORE_COMMANDS: CommandTable = Object.assign(Object.create(null), { cat, chmod, cp, mkdir, mv, rm, rmdir, touch, ls, basename, date, dirname, hostname, id, uname, whoami, yes });
