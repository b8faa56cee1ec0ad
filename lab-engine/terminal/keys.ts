// Splits raw terminal input into keys. Escape sequences are recognised (CSI, SS3, OSC/DCS
// strings, ESC-prefixed meta keys); unknown ones become { k: "ignore" } and are never echoed.

export type Key =
  | { k: "char"; ch: string } // one printable code point
  | { k: "ctrl"; ch: string } // a C0 control character or DEL
  | { k: "meta"; ch: string } // ESC followed by a printable character (Alt-x)
  | { k: "esc" } // a lone Escape key
  | { k: "paste-start" }
  | { k: "paste-end" }
  | { k: "ignore" }
  | {
      k:
        | "up"
        | "down"
        | "left"
        | "right"
        | "home"
        | "end"
        | "delete"
        | "word-left"
        | "word-right";
    };

export interface Token {
  key: Key;
  next: number;
}

const MAX_SEQ = 64; // longest CSI/SS3 we wait for; longer ones are junk
const MAX_STRING_SEQ = 4096; // OSC/DCS strings

function csiKey(params: string, final: string): Key {
  const mods = params.split(";");
  const mod = mods.length > 1 ? Number(mods[1]) : 1; // 1 none, 3 alt, 5 ctrl
  switch (final) {
    case "A":
      return { k: "up" };
    case "B":
      return { k: "down" };
    case "C":
      return { k: mod === 3 || mod === 5 ? "word-right" : "right" };
    case "D":
      return { k: mod === 3 || mod === 5 ? "word-left" : "left" };
    case "H":
      return { k: "home" };
    case "F":
      return { k: "end" };
    case "~":
      switch (mods[0]) {
        case "1":
        case "7":
          return { k: "home" };
        case "4":
        case "8":
          return { k: "end" };
        case "3":
          return { k: "delete" };
        case "200":
          return { k: "paste-start" };
        case "201":
          return { k: "paste-end" };
      }
      return { k: "ignore" };
  }
  return { k: "ignore" };
}

/**
 * Reads one key from `s` at `i`. Returns null when the input ends inside a sequence that may
 * still be completed by the next chunk (the caller keeps the rest for later). `loneEscIsKey`:
 * treat an ESC at the very end of the input as the Escape key instead of waiting for more.
 */
export function nextKey(s: string, i: number, loneEscIsKey: boolean): Token | null {
  const c = s.charCodeAt(i);
  if (c !== 0x1b) {
    if (c < 0x20 || c === 0x7f) return { key: { k: "ctrl", ch: s[i] }, next: i + 1 };
    if (c >= 0x80 && c < 0xa0) return { key: { k: "ignore" }, next: i + 1 };
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 >= s.length) return null; // the low surrogate is in the next chunk
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return { key: { k: "char", ch: s.slice(i, i + 2) }, next: i + 2 };
      return { key: { k: "char", ch: "\ufffd" }, next: i + 1 };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { key: { k: "char", ch: "\ufffd" }, next: i + 1 };
    return { key: { k: "char", ch: s[i] }, next: i + 1 };
  }
  // ESC
  if (i + 1 >= s.length) return loneEscIsKey ? { key: { k: "esc" }, next: i + 1 } : null;
  const n = s[i + 1];
  if (n === "[") {
    let j = i + 2;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d >= 0x40 && d <= 0x7e) {
        const body = s.slice(i + 2, j);
        if (!/^[\x30-\x3f]*[\x20-\x2f]*$/.test(body)) return { key: { k: "ignore" }, next: j + 1 };
        return { key: csiKey(body, s[j]), next: j + 1 };
      }
      if (d < 0x20 || d > 0x7e) return { key: { k: "ignore" }, next: j }; // malformed: drop ESC [
      if (j - i > MAX_SEQ) return { key: { k: "ignore" }, next: j };
      j++;
    }
    return s.length - i > MAX_SEQ ? { key: { k: "ignore" }, next: s.length } : null;
  }
  if (n === "O") {
    if (i + 2 >= s.length) return null;
    const f = s[i + 2];
    const code = f.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) return { key: { k: "ignore" }, next: i + 2 };
    const key = "ABCDHF".includes(f) ? csiKey("", f) : ({ k: "ignore" } as Key);
    return { key, next: i + 3 };
  }
  if (n === "]" || n === "P" || n === "_" || n === "^" || n === "X") {
    // string sequence, terminated by BEL or ST (ESC \)
    for (let j = i + 2; j < s.length; j++) {
      if (s[j] === "\x07") return { key: { k: "ignore" }, next: j + 1 };
      if (s[j] === "\x1b" && j + 1 < s.length && s[j + 1] === "\\") return { key: { k: "ignore" }, next: j + 2 };
      if (j - i > MAX_STRING_SEQ) return { key: { k: "ignore" }, next: j };
    }
    return s.length - i > MAX_STRING_SEQ ? { key: { k: "ignore" }, next: s.length } : null;
  }
  const code = n.charCodeAt(0);
  if (code === 0x7f) return { key: { k: "meta", ch: n }, next: i + 2 }; // Alt-Backspace
  if (code < 0x20 || n === "\x1b") return { key: { k: "esc" }, next: i + 1 }; // ESC then a control key
  if (code >= 0xd800 && code <= 0xdfff) return { key: { k: "esc" }, next: i + 1 };
  return { key: { k: "meta", ch: n }, next: i + 2 };
}
