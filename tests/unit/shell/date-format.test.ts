// `date` formatting, shared by the terminal and containers (kubelet/markers.ts): expected strings
// from GNU date 9 on Debian (TZ=UTC LC_ALL=C date -d 2026-01-05T03:04:05Z +FORMAT).
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_DATE_FORMAT, formatDate } from "../../../lab-engine/shell/commands/system.ts";
import { strftime, unixDate } from "../../../lab-engine/kubelet/markers.ts";

const T = Date.UTC(2026, 0, 5, 3, 4, 5);

test("GNU padding flags on numeric fields: - none, _ spaces, 0 zeros; %N keeps its zeros", () => {
  const cases: [string, string][] = [
    ["%-d", "5"], ["%_m", " 1"], ["%0e", "05"], ["%-H:%M", "3:04"], ["%e", " 5"], ["%-j", "5"],
    ["%_d", " 5"], ["%-Y", "2026"], ["%-N", "000000000"], ["%-d/%m", "5/01"],
  ];
  for (const [fmt, want] of cases) assert.equal(formatDate(T, fmt), want, fmt);
});

test("containers print date as the terminal does: the default format space-pads the day", () => {
  assert.equal(unixDate(T), "Mon Jan  5 03:04:05 UTC 2026");
  assert.equal(unixDate(T), formatDate(T, DEFAULT_DATE_FORMAT));
  assert.equal(strftime("%d/%b/%Y:%H:%M:%S +0000", T), "05/Jan/2026:03:04:05 +0000");
  assert.equal(strftime("%-d", T), "5");
});
