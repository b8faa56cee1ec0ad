// kubectl cp: workstation file or directory <-> container path ([ns/]pod:path, -c container).
// kubectl runs tar in the container; copying out prints tar's notice about the leading '/'.

import type { FileSystem } from "../../shell/types.ts";
import { parseImage } from "../../kubelet/api.ts";
import { findContainer } from "../../kubelet/env.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { execTarget } from "./exec.ts";
import { containerVfs, persistWrites } from "./container-shell.ts";
import { shellsOf } from "./exec-images.ts";
import type { KubectlCommand } from "./registry.ts";

interface Spec {
  pod?: string;
  ns?: string;
  path: string;
}

function parseSpec(s: string): Spec {
  const i = s.indexOf(":");
  // A colon after a slash belongs to a local path (./a:b), as in kubectl's extractFileSpec.
  if (i <= 0 || s.slice(0, i).includes("/") && s.slice(0, i).split("/").length > 2) return { path: s };
  const left = s.slice(0, i);
  const path = s.slice(i + 1);
  const parts = left.split("/");
  if (parts.length === 2) return { ns: parts[0], pod: parts[1], path };
  return { pod: left, path };
}

/** Copy a file or tree between two file systems; returns false when the source is missing. */
function copyTree(src: FileSystem, from: string, dst: FileSystem, to: string): boolean {
  const st = src.stat(from);
  if (!st) return false;
  if (st.type === "file") {
    const parent = to.replace(/\/[^/]*$/, "") || "/";
    if (!dst.exists(parent)) dst.mkdir(parent, { parents: true });
    dst.writeFile(to, src.readFile(from));
    return true;
  }
  if (!dst.exists(to)) dst.mkdir(to, { parents: true });
  for (const n of src.readdir(from)) copyTree(src, `${from.replace(/\/$/, "")}/${n}`, dst, `${to.replace(/\/$/, "")}/${n}`);
  return true;
}

async function runCp(inv: Invocation): Promise<number> {
  if (inv.args.length !== 2) throw kerror(`source and destination are required\nSee 'kubectl cp -h' for help and examples`);
  const src = parseSpec(inv.args[0]);
  const dst = parseSpec(inv.args[1]);
  if (src.pod && dst.pod) throw kerror("one of src or dest must be a local file specification");
  if (!src.pod && !dst.pod) throw kerror("one of src or dest must be a remote file specification");
  const remote = (src.pod ? src : dst) as Required<Pick<Spec, "pod">> & Spec;
  if (!remote.path) throw kerror("remote path cannot be empty");
  const scoped = remote.ns ? { ...inv, namespace: remote.ns } : inv;
  const { pod, container } = execTarget(scoped as Invocation, remote.pod);
  const img = parseImage(findContainer(pod, container)?.image ?? "");
  if (!shellsOf(img.repo, img.tag).coreutils) {
    throw kerror(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${"0".repeat(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown`);
  }
  const { fs: cfs, before } = containerVfs(inv.cluster, pod, container);
  const lfs = inv.ctx.fs;
  const rpath = remote.path.startsWith("/") ? remote.path : `/${remote.path}`;
  // tar runs in the container and kubectl relays its stderr: GNU tar in Debian-based images,
  // busybox tar in busybox/alpine ones.
  const gnu = shellsOf(img.repo, img.tag).bash;
  if (src.pod) {
    if (remote.path.startsWith("/")) inv.err(gnu ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
    const local = lfs.resolve(inv.ctx.cwd, dst.path);
    const target = lfs.stat(local)?.type === "dir" && cfs.stat(rpath)?.type === "file" ? `${local}/${rpath.split("/").pop()}` : local;
    if (!copyTree(cfs, rpath, lfs, target)) {
      throw new KubectlError(gnu ? `tar: ${remote.path}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors` : `tar: can't stat '${remote.path}': No such file or directory`);
    }
    return 0;
  }
  const local = lfs.resolve(inv.ctx.cwd, src.path);
  if (!lfs.exists(local)) throw kerror(`${src.path} doesn't exist in local filesystem`);
  const target = cfs.stat(rpath)?.type === "dir" && lfs.stat(local)?.type === "file" ? `${rpath.replace(/\/$/, "")}/${local.split("/").pop()}` : rpath;
  copyTree(lfs, local, cfs, target);
  persistWrites(inv.cluster, pod, container, before, cfs);
  return 0;
}

export const cpCommand: KubectlCommand = {
  name: "cp",
  flags: [
    { name: "container", short: "c", type: "string" },
    { name: "no-preserve", type: "bool" },
    { name: "retries", type: "int", default: 0 },
  ],
  run: runCp,
};
