// GitHub/Google sign-in appear exactly when both of their keys are configured: in next-auth's
// provider list, in the start-up check and as buttons on the login page. No network is used
// (building a provider only fills in fixed endpoint URLs).
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { enabledOAuth, oauthKeysFromEnv, oauthProviders } from "../../server/auth/oauth-providers.ts";
import LoginPage from "../../app/login/page.tsx";

const NAMES = ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET"];
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
});

function setEnv(vars: Record<string, string>) {
  for (const n of NAMES) delete process.env[n];
  Object.assign(process.env, vars);
}

async function loginHtml(): Promise<string> {
  const page = await LoginPage({ searchParams: Promise.resolve({}) });
  return renderToStaticMarkup(page as any);
}

const ids = (env: Record<string, string>) => oauthProviders(oauthKeysFromEnv(env)).map((p) => p.id);

test("no keys: no OAuth providers and no OAuth buttons, only the email form", async () => {
  assert.deepEqual(ids({}), []);
  setEnv({});
  const html = await loginHtml();
  assert.match(html, /로그인/);
  assert.match(html, /name="email"/);
  assert.doesNotMatch(html, /GitHub로 로그인|Google로 로그인/);
});

test("GitHub keys: the github provider with its client id, and only the GitHub button", async () => {
  const env = { GITHUB_ID: "gh-client", GITHUB_SECRET: "gh-secret" };
  assert.deepEqual(ids(env), ["github"]);
  const [gh] = oauthProviders(oauthKeysFromEnv(env)) as any[];
  assert.equal(gh.options.clientId, "gh-client");
  setEnv(env);
  const html = await loginHtml();
  assert.match(html, /GitHub로 로그인/);
  assert.doesNotMatch(html, /Google로 로그인/);
});

test("Google keys too: both providers and both buttons", async () => {
  const env = { GITHUB_ID: "gh", GITHUB_SECRET: "s1", GOOGLE_ID: "go", GOOGLE_SECRET: "s2" };
  assert.deepEqual(ids(env), ["github", "google"]);
  setEnv(env);
  const html = await loginHtml();
  assert.match(html, /GitHub로 로그인[\s\S]*Google로 로그인/);
});

test("half a key pair is a start-up error and never shows a button", async () => {
  assert.throws(() => oauthKeysFromEnv({ GOOGLE_ID: "go" }), /GOOGLE_ID and GOOGLE_SECRET must be set together/);
  assert.throws(() => oauthKeysFromEnv({ GITHUB_SECRET: "s" }), /GITHUB_ID and GITHUB_SECRET must be set together/);
  assert.deepEqual(enabledOAuth({ GITHUB_ID: "gh", GOOGLE_SECRET: "s" }), { github: false, google: false });
  setEnv({ GITHUB_ID: "gh" });
  assert.doesNotMatch(await loginHtml(), /GitHub로 로그인/);
});
