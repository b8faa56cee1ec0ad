// One kubectl invocation: parsed flags, the cluster and namespace of the chosen context, and
// the output streams. Commands receive this and never look at the sandbox directly.

import type { CommandContext } from "../shell/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KubectlHost } from "./host.ts";
import type { ParsedFlags } from "./flags.ts";
import { kerror, KubectlError } from "./errors.ts";
import { b64decode } from "../util/base64.ts";

/** The subject of a service-account token (`kubectl create token`): its JWT payload's `sub`. */
function tokenSubject(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const part = token.split(".")[1] ?? "";
  const b64 = part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4);
  let sub: unknown;
  try {
    sub = JSON.parse(b64decode(b64) ?? "").sub;
  } catch {
    sub = undefined;
  }
  if (typeof sub !== "string") throw new KubectlError("error: You must be logged in to the server (Unauthorized)");
  return sub;
}

export interface Invocation extends ParsedFlags {
  ctx: CommandContext;
  host: KubectlHost;
  /** `kubectl get` etc., for usage messages. */
  cmdPath: string;
  cluster: Cluster;
  namespace: string;
  /** True when -n/--namespace was given (affects messages such as "No resources found in x namespace."). */
  nsExplicit: boolean;
  user: string | undefined;
  out(s: string): void;
  err(s: string): void;
}

export function buildInvocation(ctx: CommandContext, host: KubectlHost, cmdPath: string, parsed: ParsedFlags): Invocation {
  const kc = host.kubeconfig;
  const ctxName = parsed.flags.context ?? kc.currentContext;
  const kctx = kc.contexts.find((c) => c.name === ctxName);
  if (!kctx) {
    if (parsed.flags.context) throw kerror(`context was not found for specified context: ${ctxName}`);
    throw kerror("current-context is not set");
  }
  const cluster = host.cluster(parsed.flags.cluster ?? kctx.cluster);
  if (!cluster) throw kerror(`cluster "${kctx.cluster}" not found`);
  const namespace = parsed.flags.namespace ?? kctx.namespace ?? "default";
  // The service-account/user identity (RBAC), from --as or a non-admin kubeconfig user.
  // A bearer token (--token or the kubeconfig user's) authenticates as its service account.
  const kuser = kc.users.find((u) => u.name === (parsed.flags.user ?? kctx.user));
  const user = parsed.flags.as ?? tokenSubject(parsed.flags.token ?? kuser?.token) ?? (kctx.user !== "kubernetes-admin" ? kctx.user : undefined);
  // Fields listed one by one rather than `...parsed`: V8 made a fresh hidden class (map) for
  // every spread-built invocation, i.e. old-space garbage on every kubectl command.
  return {
    flags: parsed.flags,
    args: parsed.args,
    dashArgs: parsed.dashArgs,
    set: parsed.set,
    ctx,
    host,
    cmdPath,
    cluster,
    namespace,
    nsExplicit: parsed.flags.namespace !== undefined,
    user,
    out: (s) => ctx.stdout.write(s),
    err: (s) => ctx.stderr.write(s),
  };
}
