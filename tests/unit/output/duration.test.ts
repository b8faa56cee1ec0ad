import { test } from "node:test";
import assert from "node:assert/strict";
import { humanDuration, shortHumanDuration, goDuration, parseGoDuration, rfc1123z, rfc3339, ageSince } from "../../../lab-engine/util/duration.ts";

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

test("humanDuration follows apimachinery HumanDuration", () => {
  const cases: [number, string][] = [
    [-2 * S, "<invalid>"], [-1500, "0s"], [-S, "0s"], [0, "0s"], [5 * S, "5s"], [119 * S, "119s"],
    [2 * M, "2m"], [7 * M + 3 * S, "7m3s"], [9 * M + 59 * S, "9m59s"], [10 * M + 5 * S, "10m"], [62 * M, "62m"],
    [179 * M, "179m"], [3 * H, "3h"], [5 * H + 12 * M, "5h12m"], [8 * H + 30 * M, "8h"], [47 * H, "47h"],
    [2 * D, "2d"], [2 * D + 5 * H, "2d5h"], [12 * D, "12d"], [400 * D, "400d"], [730 * D, "2y"],
    [731 * D, "2y1d"], [9 * 365 * D, "9y"],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}`);
});

test("shortHumanDuration", () => {
  assert.equal(shortHumanDuration(59 * S), "59s");
  assert.equal(shortHumanDuration(90 * S), "1m");
  assert.equal(shortHumanDuration(3 * H), "3h");
  assert.equal(shortHumanDuration(3 * D), "3d");
  assert.equal(shortHumanDuration(400 * D), "1y");
});

test("goDuration matches time.Duration.String", () => {
  assert.equal(goDuration(5127), "5.127s");
  assert.equal(goDuration(80 * S), "1m20s");
  assert.equal(goDuration(5 * M), "5m0s");
  assert.equal(goDuration(890), "890ms");
  assert.equal(goDuration(0), "0s");
  assert.equal(goDuration(2 * H), "2h0m0s");
  assert.equal(goDuration(1.5), "1.5ms");
  assert.equal(goDuration(0.0005), "500ns");
  assert.equal(goDuration(0.25), "250µs");
  assert.equal(goDuration(-10 * S), "-10s");
});

test("parseGoDuration", () => {
  assert.equal(parseGoDuration("1m30s"), 90000);
  assert.equal(parseGoDuration("1.5h"), 5400000);
  assert.equal(parseGoDuration("300ms"), 300);
  assert.equal(parseGoDuration("0"), 0);
  assert.throws(() => parseGoDuration("5"), { message: 'time: missing unit in duration "5"' });
  assert.throws(() => parseGoDuration("5x"), { message: 'time: unknown unit "x" in duration "5x"' });
  assert.throws(() => parseGoDuration("abc"), { message: 'time: invalid duration "abc"' });
});

test("timestamps", () => {
  const t = Date.UTC(2026, 10, 21, 22, 9, 53, 400);
  assert.equal(rfc1123z(t), "Sat, 21 Nov 2026 22:09:53 +0000");
  assert.equal(rfc3339(t), "2026-11-21T22:09:53Z");
  assert.equal(ageSince("2026-11-21T22:09:53Z", t + 12 * M), "12m");
  assert.equal(ageSince(undefined, t), "<unknown>");
});
