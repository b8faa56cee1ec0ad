import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

test("workstation: GNU wget saves files, curl -o/-O/-f/-w, ping and the API server over HTTPS", async () => {
  const sb = Sandbox.create({ seed: 9, clock: new VirtualClock() });
  await sb.run("kubectl run web --image=nginx --port=80 --expose");
  await sb.run("sleep 20");
  const ip = (await sb.run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).stdout;
  const w = await sb.run(`wget http://${ip}/`);
  assert.equal(w.exitCode, 0);
  assert.match(w.stderr, new RegExp(`^--2026-11-21 22:00:20--  http://${ip.replace(/\./g, "\\.")}/\nConnecting to ${ip.replace(/\./g, "\\.")}:80\\.\\.\\. connected\\.\nHTTP request sent, awaiting response\\.\\.\\. 200 OK\nLength: 615 \\[text/html\\]\nSaving to: ‘index\\.html’\n`));
  assert.equal((await sb.run("wc -c < index.html")).stdout.trim(), "615");
  await sb.run(`wget -q http://${ip}/`);
  assert.equal((await sb.run("ls index.html*")).stdout, "index.html\nindex.html.1\n");
  assert.equal((await sb.run(`wget -q http://${ip}/nope`)).exitCode, 8);
  assert.equal((await sb.run(`curl -s -o page.html -w '%{http_code} %{size_download}' http://${ip}/`)).stdout, "200 615");
  assert.equal((await sb.run("head -c 15 page.html")).stdout, "<!DOCTYPE html>");
  assert.equal((await sb.run(`curl -s -O http://${ip}/index.html; ls index.html*`)).stdout, "index.html\nindex.html.1\n");
  assert.deepEqual(await sb.run(`curl -sf http://${ip}/nope`), { stdout: "", stderr: "", exitCode: 22 });
  assert.equal((await sb.run(`curl -sX POST http://${ip}/ | head -2 | tail -1`)).stdout, "<head><title>405 Not Allowed</title></head>\n");
  const ping = await sb.run("ping -c 2 node02");
  assert.match(ping.stdout, /^PING node02 \(172\.30\.2\.4\) 56\(84\) bytes of data\.\n64 bytes from 172\.30\.2\.4: icmp_seq=1 /);
  assert.match(ping.stdout, /2 packets transmitted, 2 received, 0% packet loss/);
  assert.equal((await sb.run("curl -sk https://10.96.0.1/healthz")).stdout, "ok");
  assert.match((await sb.run("curl -sk https://172.30.1.2:6443/api/v1/pods")).stdout, /"message": "forbidden: User \\"system:anonymous\\" cannot get path \\"\/api\/v1\/pods\\""/);
  assert.equal((await sb.run("curl -s https://10.96.0.1/")).exitCode, 60);
  assert.equal((await sb.run(`curl -s https://${ip}:80/`)).exitCode, 35);
  // No 443 on that Service: the SYN is dropped (a short -m keeps the test fast).
  assert.equal((await sb.run(`curl -s -m 1 https://${ip}/`)).exitCode, 28);
});
