import { test } from "node:test";
import assert from "node:assert/strict";
import { applyDefaults, qosClass, imageTag, defaultImagePullPolicy } from "../../../lab-engine/api/defaults/index.ts";

const UID = "0e9c5b8a-1b2c-4d5e-8f90-123456789abc";

test("image tag and pull policy (parsers.ParseImageName)", () => {
  assert.equal(imageTag("nginx"), "latest");
  assert.equal(imageTag("nginx:1.27"), "1.27");
  assert.equal(imageTag("localhost:5000/app"), "latest");
  assert.equal(imageTag("localhost:5000/app:v2"), "v2");
  assert.equal(defaultImagePullPolicy("nginx"), "Always");
  assert.equal(defaultImagePullPolicy("nginx:latest"), "Always");
  assert.equal(defaultImagePullPolicy("nginx:1.27"), "IfNotPresent");
  assert.equal(defaultImagePullPolicy("nginx@sha256:abc"), "IfNotPresent");
});

test("pod defaults (as a kind 1.32 pod shows them, before admission)", () => {
  const pod: any = applyDefaults("pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" } as any,
    spec: {
      containers: [
        {
          name: "c",
          image: "nginx:1.27",
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: "500m", memory: "128Mi" } },
          readinessProbe: { httpGet: { port: 80 } },
          env: [{ name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
        },
      ],
      volumes: [{ name: "scratch" }, { name: "cfg", configMap: { name: "c" } }],
    },
  });
  assert.deepEqual(pod.spec, {
    containers: [
      {
        name: "c",
        image: "nginx:1.27",
        imagePullPolicy: "IfNotPresent",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: { limits: { cpu: "500m", memory: "128Mi" }, requests: { cpu: "500m", memory: "128Mi" } },
        readinessProbe: { httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        env: [{ name: "NODE", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "spec.nodeName" } } }],
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
      },
    ],
    volumes: [{ name: "scratch", emptyDir: {} }, { name: "cfg", configMap: { name: "c", defaultMode: 420 } }],
    enableServiceLinks: true,
    dnsPolicy: "ClusterFirst",
    restartPolicy: "Always",
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: "default-scheduler",
  });
});

test("deployment defaults (seed-kind.js shape; template has no enableServiceLinks)", () => {
  const d: any = applyDefaults("deployments", {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" } as any,
    spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
  });
  assert.equal(d.spec.replicas, 1);
  assert.deepEqual(d.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, "Always");
  assert.equal(d.spec.template.spec.enableServiceLinks, undefined);
  assert.deepEqual(d.spec.template.spec.containers[0].resources, {});
  const r: any = applyDefaults("deployments", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } as any, spec: { strategy: { type: "Recreate" }, template: { spec: { containers: [] } } } });
  assert.deepEqual(r.spec.strategy, { type: "Recreate" });
});

test("daemonset, statefulset, replicationcontroller", () => {
  const ds: any = applyDefaults("daemonsets", { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "d" } as any, spec: { template: { spec: { containers: [] } } } });
  assert.deepEqual(ds.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec.revisionHistoryLimit, 10);
  const sts: any = applyDefaults("statefulsets", {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" } as any,
    spec: { template: { spec: { containers: [] } }, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }] },
  });
  assert.equal(sts.spec.podManagementPolicy, "OrderedReady");
  assert.deepEqual(sts.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
  assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
  assert.equal(sts.spec.replicas, 1);
  assert.equal(sts.spec.volumeClaimTemplates[0].spec.volumeMode, "Filesystem");
  assert.deepEqual(sts.spec.volumeClaimTemplates[0].status, { phase: "Pending" });
  const rc: any = applyDefaults("replicationcontrollers", { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "rc" } as any, spec: { template: { metadata: { labels: { app: "x" } }, spec: { containers: [] } } } });
  assert.deepEqual(rc.spec.selector, { app: "x" });
  assert.deepEqual(rc.metadata.labels, { app: "x" });
  assert.equal(rc.spec.replicas, 1);
});

test("job: defaults, generated selector and labels from the uid", () => {
  const job: any = applyDefaults("jobs", {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", uid: UID } as any,
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34" }] } } },
  });
  assert.equal(job.spec.completions, 1);
  assert.equal(job.spec.parallelism, 1);
  assert.equal(job.spec.backoffLimit, 6);
  assert.equal(job.spec.completionMode, "NonIndexed");
  assert.equal(job.spec.suspend, false);
  assert.equal(job.spec.podReplacementPolicy, "TerminatingOrFailed");
  assert.deepEqual(job.spec.selector, { matchLabels: { "batch.kubernetes.io/controller-uid": UID } });
  const labels = { "batch.kubernetes.io/controller-uid": UID, "batch.kubernetes.io/job-name": "pi", "controller-uid": UID, "job-name": "pi" };
  assert.deepEqual(job.spec.template.metadata.labels, labels);
  assert.deepEqual(job.metadata.labels, labels);
  const j2: any = applyDefaults("jobs", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "p" } as any, spec: { parallelism: 3, template: { spec: { containers: [] } } } }, { uid: UID });
  assert.equal(j2.spec.completions, undefined);
  assert.equal(j2.spec.parallelism, 3);
  assert.equal(j2.spec.selector.matchLabels["batch.kubernetes.io/controller-uid"], UID);
});

test("cronjob defaults", () => {
  const cj: any = applyDefaults("cronjobs", { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" } as any, spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } } } } });
  assert.equal(cj.spec.concurrencyPolicy, "Allow");
  assert.equal(cj.spec.suspend, false);
  assert.equal(cj.spec.successfulJobsHistoryLimit, 3);
  assert.equal(cj.spec.failedJobsHistoryLimit, 1);
  assert.equal(cj.spec.jobTemplate.spec.backoffLimit, undefined);
  assert.equal(cj.spec.jobTemplate.spec.template.spec.restartPolicy, "Always");
});

test("service defaults per type", () => {
  const svc: any = applyDefaults("services", { apiVersion: "v1", kind: "Service", metadata: { name: "web" } as any, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
  assert.deepEqual(svc.spec, {
    selector: { app: "web" },
    ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
    sessionAffinity: "None",
    type: "ClusterIP",
    internalTrafficPolicy: "Cluster",
    ipFamilies: ["IPv4"],
    ipFamilyPolicy: "SingleStack",
  });
  const lb: any = applyDefaults("services", { apiVersion: "v1", kind: "Service", metadata: { name: "lb" } as any, spec: { type: "LoadBalancer", ports: [{ port: 80, targetPort: "http" }] } });
  assert.equal(lb.spec.externalTrafficPolicy, "Cluster");
  assert.equal(lb.spec.allocateLoadBalancerNodePorts, true);
  assert.equal(lb.spec.ports[0].targetPort, "http");
  const np: any = applyDefaults("services", { apiVersion: "v1", kind: "Service", metadata: { name: "np" } as any, spec: { type: "NodePort", ports: [{ port: 80 }] } });
  assert.equal(np.spec.externalTrafficPolicy, "Cluster");
  assert.equal(np.spec.allocateLoadBalancerNodePorts, undefined);
  const en: any = applyDefaults("services", { apiVersion: "v1", kind: "Service", metadata: { name: "en" } as any, spec: { type: "ExternalName", externalName: "example.com" } });
  assert.equal(en.spec.ipFamilies, undefined);
  assert.equal(en.spec.internalTrafficPolicy, undefined);
});

test("secret, namespace, pv, pvc, storageclass, networkpolicy, rbac, hpa", () => {
  assert.equal((applyDefaults("secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } as any }) as any).type, "Opaque");
  const ns: any = applyDefaults("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } as any });
  assert.deepEqual(ns.metadata.labels, { "kubernetes.io/metadata.name": "dev" });
  assert.deepEqual(ns.spec, { finalizers: ["kubernetes"] });
  const pv: any = applyDefaults("persistentvolumes", { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv" } as any, spec: { hostPath: { path: "/d" } } });
  assert.equal(pv.spec.persistentVolumeReclaimPolicy, "Retain");
  assert.equal(pv.spec.volumeMode, "Filesystem");
  const pvc: any = applyDefaults("persistentvolumeclaims", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c" } as any, spec: {} });
  assert.equal(pvc.spec.volumeMode, "Filesystem");
  const sc: any = applyDefaults("storageclasses", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" } as any, provisioner: "x" });
  assert.equal(sc.reclaimPolicy, "Delete");
  assert.equal(sc.volumeBindingMode, "Immediate");
  const np: any = applyDefaults("networkpolicies", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "n" } as any, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } });
  assert.deepEqual(np.spec.policyTypes, ["Ingress", "Egress"]);
  assert.equal(np.spec.egress[0].ports[0].protocol, "TCP");
  const rb: any = applyDefaults("rolebindings", { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "r" } as any, roleRef: { kind: "Role", name: "r" }, subjects: [{ kind: "User", name: "jane" }, { kind: "ServiceAccount", name: "sa" }] });
  assert.equal(rb.roleRef.apiGroup, "rbac.authorization.k8s.io");
  assert.equal(rb.subjects[0].apiGroup, "rbac.authorization.k8s.io");
  assert.equal(rb.subjects[1].apiGroup, undefined);
  const hpa: any = applyDefaults("horizontalpodautoscalers", { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" } as any, spec: { maxReplicas: 5, scaleTargetRef: { kind: "Deployment", name: "web" }, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
  assert.equal(hpa.spec.minReplicas, 1);
  assert.deepEqual(hpa.spec.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
  assert.deepEqual(hpa.spec.behavior.scaleDown, { stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });
  assert.deepEqual(hpa.spec.behavior.scaleUp, { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] });
});

test("QoS class (qos.GetPodQOS)", () => {
  const c = (resources: any) => ({ name: "c", image: "x", resources });
  assert.equal(qosClass({ containers: [c({})] }), "BestEffort");
  assert.equal(qosClass({ containers: [c({ requests: { cpu: "100m" } })] }), "Burstable");
  assert.equal(qosClass({ containers: [c({ requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } })] }), "Burstable");
  assert.equal(qosClass({ containers: [c({ requests: { cpu: "0.5", memory: "128Mi" }, limits: { cpu: "500m", memory: "128Mi" } })] }), "Guaranteed");
  assert.equal(qosClass({ containers: [c({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }), c({})] }), "Burstable");
  assert.equal(qosClass({ containers: [c({ requests: { "ephemeral-storage": "1Gi" } })] }), "BestEffort");
});

test("embedded templates carry creationTimestamp: null like 1.32 -o yaml", () => {
  const d: any = applyDefaults("deployments", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "w" } as any, spec: { template: { metadata: { labels: { a: "b" } }, spec: { containers: [] } } } });
  assert.deepEqual(d.spec.template.metadata, { labels: { a: "b" }, creationTimestamp: null });
  const cj: any = applyDefaults("cronjobs", { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" } as any, spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec: { containers: [] } } } } } });
  assert.deepEqual(cj.spec.jobTemplate.metadata, { creationTimestamp: null });
  assert.deepEqual(cj.spec.jobTemplate.spec.template.metadata, { creationTimestamp: null });
});
