// describe for ConfigMap, Secret and ServiceAccount.

import { describeEvents, refFor, searchEvents } from "./events.ts";
import type { Describer } from "./types.ts";
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, sortedKeys, tabbed } from "./writer.ts";
import { decodeSecretText } from "../../util/base64.ts";

/** Length in bytes of base64 data (Secret.data / ConfigMap.binaryData as stored in JSON). */
export function base64Len(s: unknown): number {
  const t = String(s ?? "").replace(/\s/g, "");
  if (!t) return 0;
  const pad = t.endsWith("==") ? 2 : t.endsWith("=") ? 1 : 0;
  return Math.floor((t.length * 3) / 4) - pad;
}

export const describeConfigMap: Describer = (c, cm, s) => {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(LEVEL_0, "\nData\n====\n");
    // Go iterates the map in random order; sorted keys keep the simulator deterministic.
    for (const k of sortedKeys(cm.data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data[k]}\n`);
      w.write(LEVEL_0, "\n");
    }
    w.write(LEVEL_0, "\nBinaryData\n====\n");
    for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${base64Len(cm.binaryData[k])} bytes\n`);
    w.write(LEVEL_0, "\n");
    if (s.showEvents) describeEvents(searchEvents(c, refFor(cm)), w, s.now);
  });
};

export const describeSecret: Describer = (_c, sec) => {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sec.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sec.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", sec.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sec.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${sec.type ?? ""}\n`);
    w.write(LEVEL_0, "\nData\n====\n");
    for (const k of sortedKeys(sec.data)) {
      if (k === "token" && sec.type === "kubernetes.io/service-account-token") w.write(LEVEL_0, `${k}:\t${decodeSecretText(String(sec.data[k]))}\n`);
      else w.write(LEVEL_0, `${k}:\t${base64Len(sec.data[k])} bytes\n`);
    }
  });
};

export const describeServiceAccount: Describer = (c, sa, s) => {
  const ns = sa.metadata.namespace ?? "";
  const secrets = c.store.list("secrets", ns);
  const existing = new Set(secrets.map((x) => x.metadata.name));
  const tokens = secrets.filter(
    (x) =>
      x.type === "kubernetes.io/service-account-token" &&
      x.metadata.annotations?.["kubernetes.io/service-account.name"] === sa.metadata.name &&
      (x.metadata.annotations?.["kubernetes.io/service-account.uid"] ?? "") === (sa.metadata.uid ?? ""),
  );
  const missing = new Set<string>();
  for (const x of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(x.name)) missing.add(x.name);
  const events = s.showEvents ? searchEvents(c, refFor(sa)) : undefined;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    printLabelsMultiline(w, "Labels", sa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sa.metadata.annotations);
    const emptyHeader = "                   ";
    const groups: [string, string[]][] = [
      ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((x: any) => x.name)],
      ["Mountable secrets: ", (sa.secrets ?? []).map((x: any) => x.name)],
      ["Tokens:            ", tokens.map((x) => x.metadata.name)],
    ];
    for (const [header, names] of groups) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? " (not found)" : ""}\n`);
        prefix = emptyHeader;
      }
    }
    if (events) describeEvents(events, w, s.now);
  });
};
