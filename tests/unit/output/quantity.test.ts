import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalQuantity, milliValue, value, cpuMillis, memoryBytes, percentOf, QUANTITY_FORMAT_ERROR } from "../../../lab-engine/util/quantity.ts";

test("canonical quantities (from kubectl set resources --local)", () => {
  const cases: [string, string][] = [
    ["0.5", "500m"], ["1000m", "1"], ["1500m", "1500m"], ["0.1", "100m"], ["1", "1"], ["2000m", "2"], ["100m", "100m"],
    ["1e3", "1e3"], ["1000e3", "1e6"], ["12e6", "12e6"], ["1024Mi", "1Gi"], ["1000Mi", "1000Mi"], ["1.5Ki", "1536"],
    ["0.5Ki", "512"], ["1536Mi", "1536Mi"], ["1.5Gi", "1536Mi"], ["128974848", "128974848"], ["129e6", "129e6"],
    ["129M", "129M"], ["1G", "1G"], ["1000M", "1G"], ["0.0001", "100u"], ["1n", "1n"], ["0.1m", "100u"], ["1Ki", "1Ki"],
    ["1024Ki", "1Mi"], ["1Ti", "1Ti"], ["100k", "100k"], ["1.5", "1500m"], ["-1", "-1"],
  ];
  for (const [i, want] of cases) assert.equal(canonicalQuantity(i), want, i);
});

test("bad quantities", () => {
  for (const s of ["abc", "1x", "1.2.3", "", " 1"]) assert.throws(() => canonicalQuantity(s), { message: QUANTITY_FORMAT_ERROR }, s);
});

test("values", () => {
  assert.equal(milliValue("0.5"), 500);
  assert.equal(milliValue("1.0001m"), 2); // rounds up
  assert.equal(value("64Mi"), 67108864);
  assert.equal(cpuMillis("2"), 2000);
  assert.equal(memoryBytes("1G"), 1e9);
  assert.equal(cpuMillis(undefined), 0);
  assert.equal(percentOf(850, 2000), 42);
});
