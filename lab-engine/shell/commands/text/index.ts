// Text-processing commands (grep, sed, awk, jq, sort...). Registered by the shell.

import type { CommandTable } from "../../types.ts";
import { base64 } from "./base64.ts";
import { column } from "./column.ts";
import { cut } from "./cut.ts";
import { egrep, fgrep, grep } from "./grep.ts";
import { head } from "./head.ts";
import { nl } from "./nl.ts";
import { rev } from "./rev.ts";
import { seq } from "./seq.ts";
import { sort } from "./sort.ts";
import { tail } from "./tail.ts";
import { tee } from "./tee.ts";
import { tr } from "./tr.ts";
import { uniq } from "./uniq.ts";
import { wc } from "./wc.ts";
import { xargs } from "./xargs.ts";
import { sed } from "./sed.ts";
import { awk } from "./awk.ts";
import { jq } from "./jq.ts";
import { tac } from "./tac.ts";
import { paste } from "./paste.ts";
import { fold } from "./fold.ts";
import { md5sum, sha256sum } from "./digest.ts";

export const textCommands: CommandTable = {
  grep,
  egrep,
  fgrep,
  wc,
  head,
  tail,
  sort,
  uniq,
  cut,
  tr,
  base64,
  tee,
  xargs,
  seq,
  rev,
  nl,
  column,
  sed,
  awk,
  gawk: awk,
  jq,
  tac,
  paste,
  fold,
  sha256sum,
  md5sum,
};
