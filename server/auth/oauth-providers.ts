// GitHub and Google sign-in are on exactly when both halves of their keys are configured.
// One place decides it for next-auth's provider list (server/auth/auth-options.ts), the start-up
// check (server/env.ts) and the buttons on the login page, so they cannot disagree.
import GitHubModule from "next-auth/providers/github";
import GoogleModule from "next-auth/providers/google";
import type { Provider } from "next-auth/providers/index";

// CommonJS modules: the bundler gives the function, plain Node ESM (tests, scripts) the exports object.
const cjs = <T,>(m: T): T => ((m as { default?: T }).default ?? m);
const GitHubProvider = cjs(GitHubModule);
const GoogleProvider = cjs(GoogleModule);

export type OAuthKeys = {
  github?: { id: string; secret: string };
  google?: { id: string; secret: string };
};

const KEYS = {
  github: ["GITHUB_ID", "GITHUB_SECRET"],
  google: ["GOOGLE_ID", "GOOGLE_SECRET"],
} as const;

/** Keys from the environment; one half of a pair without the other is a configuration error. */
export function oauthKeysFromEnv(env: Record<string, string | undefined> = process.env): OAuthKeys {
  const keys: OAuthKeys = {};
  for (const [name, [idName, secretName]] of Object.entries(KEYS) as [keyof OAuthKeys, readonly [string, string]][]) {
    const id = env[idName] || undefined;
    const secret = env[secretName] || undefined;
    if (!id && !secret) continue;
    if (!id || !secret) throw new Error(`Configuration error: ${idName} and ${secretName} must be set together`);
    keys[name] = { id, secret };
  }
  return keys;
}

/** Which sign-in buttons the login page shows (a half-configured pair shows none). */
export function enabledOAuth(env: Record<string, string | undefined> = process.env): { github: boolean; google: boolean } {
  const on = (name: keyof OAuthKeys) => KEYS[name].every((k) => Boolean(env[k]));
  return { github: on("github"), google: on("google") };
}

/** next-auth providers for the configured keys (no network: endpoints are fixed URLs). */
export function oauthProviders(keys: OAuthKeys): Provider[] {
  const out: Provider[] = [];
  if (keys.github) out.push(GitHubProvider({ clientId: keys.github.id, clientSecret: keys.github.secret }));
  if (keys.google) out.push(GoogleProvider({ clientId: keys.google.id, clientSecret: keys.google.secret }));
  return out;
}
