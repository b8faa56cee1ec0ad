// `containerImage`: the image of a container in a pod or a workload's pod template.
// For a workload, its running pods must use that image too (the rollout reached them).

import type { z } from "zod";
import type { ContainerImageCheck } from "../lab-schema.ts";
import type { KObject } from "../../api/types.ts";
import { clusterOf, nsOf, resource, listObjects, getObject, where, result, type CheckContext, type CheckResult } from "./common.ts";

function containersOf(o: KObject): any[] {
  const spec = o.kind === "Pod" ? (o as any).spec : o.kind === "CronJob" ? (o as any).spec?.jobTemplate?.spec?.template?.spec : (o as any).spec?.template?.spec;
  return spec?.containers ?? [];
}

export function checkContainerImage(ch: z.infer<typeof ContainerImageCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ri = resource(ch.resource);
  const ns = nsOf(ctx, ch.namespace);
  const label = where(ri, ns, ch.name);
  const expected = `${label}${ch.container ? `의 컨테이너 ${ch.container}` : ""} 이미지 ${ch.image}`;
  const objs = ch.name ? [getObject(c, ri, ns, ch.name)].filter((o) => o !== undefined) : listObjects(c, ri, ns, ch.selector);
  if (!objs.length) return result(ch, false, expected, "대상이 없습니다", `${label}을(를) 먼저 만드세요.`);
  const bad: string[] = [];
  for (const o of objs) {
    const ctrs = containersOf(o);
    const target = ch.container ? ctrs.filter((x) => x.name === ch.container) : ctrs.slice(0, 1);
    if (!target.length) bad.push(`${o.metadata.name}: 컨테이너 ${ch.container ?? ""} 없음 (있는 컨테이너: ${ctrs.map((x) => x.name).join(", ")})`);
    else if (target[0].image !== ch.image) bad.push(`${o.metadata.name}: ${target[0].image}`);
  }
  if (bad.length) return result(ch, false, expected, `현재 ${bad.join("; ")}`, `이미지를 ${ch.image}(으)로 바꾸세요. kubectl set image ${ri.singular}/${objs[0].metadata.name} <컨테이너>=${ch.image}`);
  return result(ch, true, expected, objs.map((o) => `${o.metadata.name}: ${ch.image}`).join(", "));
}
