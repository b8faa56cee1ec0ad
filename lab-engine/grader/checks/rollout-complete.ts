// `rolloutComplete`: a Deployment's rollout finished (as `kubectl rollout status` says),
// optionally at a revision and with an image.

import type { z } from "zod";
import type { RolloutCompleteCheck } from "../lab-schema.ts";
import { clusterOf, nsOf, result, type CheckContext, type CheckResult } from "./common.ts";

export function checkRolloutComplete(ch: z.infer<typeof RolloutCompleteCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ns = nsOf(ctx, ch.namespace);
  const d = c.store.get("deployments", ns, ch.deployment) as any;
  const parts = [`디플로이먼트 ${ch.deployment}(네임스페이스 ${ns})의 롤아웃 완료`];
  if (ch.replicas !== undefined) parts.push(`레플리카 ${ch.replicas}개`);
  if (ch.image) parts.push(`이미지 ${ch.image}`);
  if (ch.revision !== undefined) parts.push(`리비전 ${ch.revision}`);
  const expected = parts.join(", ");
  if (!d) return result(ch, false, expected, "디플로이먼트가 없습니다", `디플로이먼트 ${ch.deployment}을(를) 만드세요.`);
  const want = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const rev = d.metadata.annotations?.["deployment.kubernetes.io/revision"];
  const images = (d.spec?.template?.spec?.containers ?? []).map((x: any) => x.image);
  const found = `레플리카 ${want}, 최신 ${st.updatedReplicas ?? 0}, 사용 가능 ${st.availableReplicas ?? 0}, 전체 ${st.replicas ?? 0}, 리비전 ${rev ?? "(없음)"}, 이미지 ${images.join(", ")}`;
  if (ch.replicas !== undefined && want !== ch.replicas) return result(ch, false, expected, found, `kubectl scale deployment ${ch.deployment} --replicas=${ch.replicas}`);
  if (ch.image && !images.includes(ch.image)) return result(ch, false, expected, found, `컨테이너 이미지를 ${ch.image}(으)로 바꾸세요 (kubectl set image).`);
  const done =
    (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    (st.updatedReplicas ?? 0) === want &&
    (st.replicas ?? 0) === want &&
    (st.availableReplicas ?? 0) === want;
  if (!done) {
    const stuck = (st.conditions ?? []).find((x: any) => x.type === "Progressing" && x.reason === "ProgressDeadlineExceeded");
    return result(ch, false, expected, found + (stuck ? " (ProgressDeadlineExceeded)" : ""), `롤아웃이 끝나지 않았습니다. kubectl rollout status deployment/${ch.deployment}와 kubectl get pods로 새 파드의 상태를 확인하세요.`);
  }
  if (ch.revision !== undefined && String(ch.revision) !== String(rev)) return result(ch, false, expected, found, `리비전이 ${rev}입니다. kubectl rollout history deployment/${ch.deployment}로 확인하세요.`);
  return result(ch, true, expected, found);
}
