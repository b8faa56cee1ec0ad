import { test } from "node:test";
import assert from "node:assert/strict";
import { parseImage, pullError } from "../../../lab-engine/kubelet/images.ts";
import { releases } from "../../../lab-engine/kubelet/image-tags.ts";

const pulls = (image: string) => pullError(parseImage(image)) === undefined;

test("release series expand to the minor tag and every patch tag", () => {
  assert.deepEqual(releases("1.14.0-2 stable"), ["1.14", "1.14.0", "1.14.1", "1.14.2", "stable"]);
  assert.deepEqual(releases("1.24.0-0"), ["1.24", "1.24.0"]);
});

test("published patch tags of common images pull; versions never released do not", () => {
  for (const ok of ["nginx:1.18.0", "nginx:1.19.8", "nginx:1.19.9", "nginx:1.24.0", "nginx:1.7.9", "nginx:1.25.3-alpine", "nginx:1.21.6-perl", "nginx:1.27-alpine-slim", "nginx:stable-alpine", "busybox:1.28", "busybox:1.28.4", "busybox:1.36.1-glibc", "redis:6.2.14", "redis:7.0.15-alpine", "redis:7.4", "httpd:2.4.58", "httpd:2.4-alpine", "postgres:16.4", "mysql:8.0.36", "python:3.12.8-slim", "alpine:3.19.1", "perl:5.34.0"]) {
    assert.ok(pulls(ok), ok);
  }
  for (const bad of ["nginx:1.91", "nginx:1.18.1", "nginx:1.24.1", "nginx:1.9-perl", "busybox:1.38", "redis:7.5", "httpd:2.4.99", "nginx:latest-alpine"]) {
    assert.ok(!pulls(bad), bad);
  }
  assert.equal(
    pullError(parseImage("nginx:1.91")),
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found',
  );
});
