// Shell prompt strings. The default mirrors the CKA/CKAD exam terminal (`controlplane:~$ `);
// "bash" style is Debian's default PS1 (`user@host:~$ `, `#` for root).

export interface PromptInfo {
  user: string;
  host: string;
  cwd: string;
  home: string;
  style?: "cka" | "bash";
}

/** `cwd` with `$HOME` abbreviated to `~`, as bash's \w does (a home of "/" is not abbreviated). */
export function tildePath(cwd: string, home: string): string {
  const h = home.length > 1 && home.endsWith("/") ? home.replace(/\/+$/, "") : home;
  if (h.length > 1 && (cwd === h || cwd.startsWith(h + "/"))) return "~" + cwd.slice(h.length);
  return cwd;
}

export function formatPrompt(p: PromptInfo): string {
  const dir = tildePath(p.cwd, p.home);
  if (p.style === "bash") return `${p.user}@${p.host}:${dir}${p.user === "root" ? "#" : "$"} `;
  return `${p.host}:${dir}$ `;
}
