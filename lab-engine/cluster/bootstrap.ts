// The default cluster a learner gets: a small kubeadm cluster (controlplane + node01 + node02)
// with the kube-system workloads a real one has. A lab may declare another topology.

import type { KObject } from "../api/types.ts";
import { Cluster } from "./cluster.ts";

export interface NodeSpec {
  name: string;
  controlPlane?: boolean;
  cpu?: string; // "2"
  memory?: string; // "4010172Ki"
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

export interface Topology {
  nodes: NodeSpec[];
  /** Set false for a bare cluster without kube-system workloads (unit tests). */
  systemPods?: boolean;
}

export const DEFAULT_TOPOLOGY: Topology = {
  nodes: [{ name: "controlplane", controlPlane: true }, { name: "node01" }, { name: "node02" }],
  systemPods: true,
};

export const K8S_VERSION = "v1.32.0";

function meta(c: Cluster, name: string, namespace?: string, extra: Record<string, any> = {}): any {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: c.rng.uuid(),
    resourceVersion: "",
    creationTimestamp: c.isoNow(),
    ...extra,
  };
}

function put(c: Cluster, plural: string, obj: KObject): void {
  c.store.put(plural, obj);
}

export function nodeObject(c: Cluster, spec: NodeSpec, index: number): KObject {
  const ip = `172.30.${spec.controlPlane ? 1 : 2}.${spec.controlPlane ? 2 : 2 + index}`;
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
    ...(spec.controlPlane ? { "node-role.kubernetes.io/control-plane": "", "node.kubernetes.io/exclude-from-external-load-balancers": "" } : {}),
    ...(spec.labels ?? {}),
  };
  const taints = spec.taints ?? (spec.controlPlane ? [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] : []);
  const cap = {
    cpu: spec.cpu ?? "2",
    "ephemeral-storage": "20134592Ki",
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: spec.memory ?? "4010172Ki",
    pods: spec.pods ?? "110",
  };
  const t = c.isoNow();
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: meta(c, spec.name, undefined, {
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    }),
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(taints.length ? { taints: taints.map((x) => ({ ...x })) } : {}),
    },
    status: {
      capacity: cap,
      allocatable: { ...cap },
      conditions: [
        { type: "MemoryPressure", status: "False", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
        { type: "DiskPressure", status: "False", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
        { type: "PIDPressure", status: "False", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
        { type: "Ready", status: "True", lastHeartbeatTime: t, lastTransitionTime: t, reason: "KubeletReady", message: "kubelet is posting ready status" },
      ],
      addresses: [
        { type: "InternalIP", address: ip },
        { type: "Hostname", address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: c.rng.hex(32),
        systemUUID: c.rng.uuid(),
        bootID: c.rng.uuid(),
        kernelVersion: "5.15.0-127-generic",
        osImage: "Ubuntu 22.04.5 LTS",
        containerRuntimeVersion: "containerd://1.7.24",
        kubeletVersion: K8S_VERSION,
        kubeProxyVersion: K8S_VERSION,
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  };
}

function namespace(c: Cluster, name: string): KObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: meta(c, name, undefined, { labels: { "kubernetes.io/metadata.name": name } }),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

/** Build a cluster at time `now` with the given topology; controllers then bring its pods up. */
/** FNV-1a over a string, for identifiers that must not draw from the cluster's rng. */
function fnv(s: string, round = 0): number {
  let h = (2166136261 ^ round) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  // murmur3's finaliser: nearby inputs give unrelated outputs.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function b64(s: string): string {
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
    out += a[(n >> 18) & 63] + a[(n >> 12) & 63] + (i + 1 < s.length ? a[(n >> 6) & 63] : "=") + (i + 2 < s.length ? a[n & 63] : "=");
  }
  return out;
}

/**
 * The token `kubeadm init` creates (`kubeadm token list`): Secret `bootstrap-token-<id>` in
 * kube-system, valid 24 h from the bootstrap. Its id and secret come from a hash of the seed,
 * not the rng, so every other generated name stays what it was.
 */
function bootstrapTokenSecret(c: Cluster, seed: number): KObject {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  const pick = (n: number, round: number) => Array.from({ length: n }, (_, i) => chars[fnv(`${seed}:${i}`, round) % chars.length]).join("");
  const id = pick(6, 1);
  const secret = pick(16, 2);
  const hex = Array.from({ length: 4 }, (_, i) => fnv(`${seed}:token-uid`, i).toString(16).padStart(8, "0")).join("");
  const uid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const expiration = new Date(c.now + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system", uid, resourceVersion: "", creationTimestamp: c.isoNow() },
    type: "bootstrap.kubernetes.io/token",
    data: {
      "auth-extra-groups": b64("system:bootstrappers:kubeadm:default-node-token"),
      expiration: b64(expiration),
      "token-id": b64(id),
      "token-secret": b64(secret),
      "usage-bootstrap-authentication": b64("true"),
      "usage-bootstrap-signing": b64("true"),
    },
  } as KObject;
}

export function bootstrapCluster(opts: { name?: string; now: number; seed: number; topology?: Topology }): Cluster {
  const topo = opts.topology ?? DEFAULT_TOPOLOGY;
  const c = Cluster.empty(opts.name ?? "kubernetes", opts.now, opts.seed);
  for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) put(c, "namespaces", namespace(c, ns));
  topo.nodes.forEach((n, i) => put(c, "nodes", nodeObject(c, n, i)));
  for (const n of topo.nodes) {
    put(c, "leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: meta(c, n.name, "kube-node-lease"),
      spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: new Date(c.now).toISOString().replace(/Z$/, "000Z") },
    });
  }
  put(c, "services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(c, "kubernetes", "default", { labels: { component: "apiserver", provider: "kubernetes" } }),
    spec: {
      clusterIP: "10.96.0.1",
      clusterIPs: ["10.96.0.1"],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
      sessionAffinity: "None",
      type: "ClusterIP",
    },
    status: { loadBalancer: {} },
  });
  put(c, "storageclasses", {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: meta(c, "standard", undefined, { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }),
    provisioner: "rancher.io/local-path",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  });
  if (topo.systemPods !== false) {
    const cp = topo.nodes.find((n) => n.controlPlane)?.name;
    for (const o of systemObjects(c, cp)) c.store.put(o.plural, o.obj);
    c.store.put("secrets", bootstrapTokenSecret(c, opts.seed));
  }
  return c;
}

/** kube-system workloads as objects; the controllers and kubelets turn them into running pods. */
function systemObjects(c: Cluster, controlPlane: string | undefined): { plural: string; obj: KObject }[] {
  const out: { plural: string; obj: KObject }[] = [];
  const ks = "kube-system";
  if (controlPlane) {
    const staticPod = (component: string, image: string, cpu: string, extraLabels: Record<string, string> = {}) => {
      const node = c.store.get("nodes", undefined, controlPlane)!;
      out.push({
        plural: "pods",
        obj: {
          apiVersion: "v1",
          kind: "Pod",
          metadata: meta(c, `${component}-${controlPlane}`, ks, {
            labels: { component, tier: "control-plane", ...extraLabels },
            annotations: { "kubernetes.io/config.source": "file", "kubernetes.io/config.hash": c.rng.hex(32) },
            ownerReferences: [{ apiVersion: "v1", controller: true, kind: "Node", name: controlPlane, uid: node.metadata.uid }],
          }),
          spec: {
            containers: [
              {
                name: component,
                image: `registry.k8s.io/${image}`,
                command: [component],
                imagePullPolicy: "IfNotPresent",
                resources: { requests: { cpu } },
                terminationMessagePath: "/dev/termination-log",
                terminationMessagePolicy: "File",
              },
            ],
            dnsPolicy: "ClusterFirst",
            enableServiceLinks: true,
            hostNetwork: true,
            nodeName: controlPlane,
            preemptionPolicy: "PreemptLowerPriority",
            priority: 2000001000,
            priorityClassName: "system-node-critical",
            restartPolicy: "Always",
            schedulerName: "default-scheduler",
            securityContext: { seccompProfile: { type: "RuntimeDefault" } },
            terminationGracePeriodSeconds: 30,
            tolerations: [{ effect: "NoExecute", operator: "Exists" }],
          },
        },
      });
    };
    staticPod("etcd", "etcd:3.5.16-0", "100m");
    staticPod("kube-apiserver", `kube-apiserver:${K8S_VERSION}`, "250m");
    staticPod("kube-controller-manager", `kube-controller-manager:${K8S_VERSION}`, "200m");
    staticPod("kube-scheduler", `kube-scheduler:${K8S_VERSION}`, "100m");
  }
  const tmpl = (labels: Record<string, string>, ctr: any, extra: any = {}) => ({
    metadata: { labels },
    spec: {
      containers: [{ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", ...ctr }],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      ...extra,
    },
  });
  const critical = { priorityClassName: "system-node-critical" };
  out.push({
    plural: "daemonsets",
    obj: {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta(c, "kube-proxy", ks, { generation: 1, labels: { "k8s-app": "kube-proxy" }, annotations: { "deprecated.daemonset.template.generation": "1" } }),
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { "k8s-app": "kube-proxy" } },
        template: tmpl(
          { "k8s-app": "kube-proxy" },
          { name: "kube-proxy", image: `registry.k8s.io/kube-proxy:${K8S_VERSION}`, command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"] },
          { ...critical, hostNetwork: true, nodeSelector: { "kubernetes.io/os": "linux" }, serviceAccountName: "kube-proxy", serviceAccount: "kube-proxy", tolerations: [{ operator: "Exists" }] },
        ),
        updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: "RollingUpdate" },
      },
    },
  });
  out.push({
    plural: "daemonsets",
    obj: {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta(c, "calico-node", ks, { generation: 1, labels: { "k8s-app": "calico-node" }, annotations: { "deprecated.daemonset.template.generation": "1" } }),
      spec: {
        revisionHistoryLimit: 10,
        selector: { matchLabels: { "k8s-app": "calico-node" } },
        template: tmpl(
          { "k8s-app": "calico-node" },
          { name: "calico-node", image: "docker.io/calico/node:v3.29.1", resources: { requests: { cpu: "250m" } } },
          { ...critical, hostNetwork: true, nodeSelector: { "kubernetes.io/os": "linux" }, serviceAccountName: "calico-node", serviceAccount: "calico-node", tolerations: [{ effect: "NoSchedule", operator: "Exists" }, { key: "CriticalAddonsOnly", operator: "Exists" }, { effect: "NoExecute", operator: "Exists" }] },
        ),
        updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: "RollingUpdate" },
      },
    },
  });
  const deploy = (name: string, labels: Record<string, string>, replicas: number, ctr: any, extra: any) => ({
    plural: "deployments",
    obj: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta(c, name, ks, { generation: 1, labels }),
      spec: {
        progressDeadlineSeconds: 600,
        replicas,
        revisionHistoryLimit: 10,
        selector: { matchLabels: labels },
        strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 }, type: "RollingUpdate" },
        template: tmpl(labels, ctr, extra),
      },
    },
  });
  const cpTolerations = [
    { key: "CriticalAddonsOnly", operator: "Exists" },
    { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
  ];
  out.push(
    deploy(
      "coredns",
      { "k8s-app": "kube-dns" },
      2,
      {
        name: "coredns",
        image: "registry.k8s.io/coredns/coredns:v1.11.3",
        args: ["-conf", "/etc/coredns/Corefile"],
        ports: [
          { containerPort: 53, name: "dns", protocol: "UDP" },
          { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
          { containerPort: 9153, name: "metrics", protocol: "TCP" },
        ],
        resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
      },
      { priorityClassName: "system-cluster-critical", serviceAccountName: "coredns", serviceAccount: "coredns", nodeSelector: { "kubernetes.io/os": "linux" }, tolerations: cpTolerations },
    ),
  );
  out.push(
    deploy(
      "metrics-server",
      { "k8s-app": "metrics-server" },
      1,
      {
        name: "metrics-server",
        image: "registry.k8s.io/metrics-server/metrics-server:v0.7.2",
        args: ["--cert-dir=/tmp", "--secure-port=10250", "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname", "--kubelet-use-node-status-port", "--metric-resolution=15s", "--kubelet-insecure-tls"],
        ports: [{ containerPort: 10250, name: "https", protocol: "TCP" }],
        resources: { requests: { cpu: "100m", memory: "200Mi" } },
      },
      { priorityClassName: "system-cluster-critical", serviceAccountName: "metrics-server", serviceAccount: "metrics-server", nodeSelector: { "kubernetes.io/os": "linux" } },
    ),
  );
  out.push({
    plural: "services",
    obj: {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(c, "kube-dns", ks, {
        labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" },
        annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
      }),
      spec: {
        clusterIP: "10.96.0.10",
        clusterIPs: ["10.96.0.10"],
        internalTrafficPolicy: "Cluster",
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [
          { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
          { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
          { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
        ],
        selector: { "k8s-app": "kube-dns" },
        sessionAffinity: "None",
        type: "ClusterIP",
      },
      status: { loadBalancer: {} },
    },
  });
  out.push({
    plural: "services",
    obj: {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(c, "metrics-server", ks, { labels: { "k8s-app": "metrics-server" } }),
      spec: {
        clusterIP: "10.101.62.187",
        clusterIPs: ["10.101.62.187"],
        internalTrafficPolicy: "Cluster",
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: "https" }],
        selector: { "k8s-app": "metrics-server" },
        sessionAffinity: "None",
        type: "ClusterIP",
      },
      status: { loadBalancer: {} },
    },
  });
  for (const pc of [
    { name: "system-cluster-critical", value: 2000000000, description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary." },
    { name: "system-node-critical", value: 2000001000, description: "Used for system critical pods that must not be moved from their current node." },
  ]) {
    out.push({
      plural: "priorityclasses",
      obj: {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: meta(c, pc.name),
        value: pc.value,
        description: pc.description,
        preemptionPolicy: "PreemptLowerPriority",
      },
    });
  }
  for (const sa of ["kube-proxy", "calico-node", "coredns", "metrics-server"]) {
    out.push({ plural: "serviceaccounts", obj: { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(c, sa, ks) } });
  }
  out.push({
    plural: "clusterroles",
    obj: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(c, "cluster-admin", undefined, { labels: { "kubernetes.io/bootstrapping": "rbac-defaults" }, annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" } }),
      rules: [
        { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
        { nonResourceURLs: ["*"], verbs: ["*"] },
      ],
    },
  });
  for (const [name, verbs] of [
    ["admin", ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]],
    ["edit", ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]],
  ] as const) {
    out.push({
      plural: "clusterroles",
      obj: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: meta(c, name, undefined, { labels: { "kubernetes.io/bootstrapping": "rbac-defaults" }, annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" } }),
        rules: [{ apiGroups: ["", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"], resources: ["*"], verbs: [...verbs] }],
      },
    });
  }
  // `view` as a 1.32 cluster holds it: the rules aggregated from system:aggregate-to-view
  // (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go). No secrets, no pods/exec.
  const read = ["get", "list", "watch"];
  out.push({
    plural: "clusterroles",
    obj: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(c, "view", undefined, {
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-edit": "true" },
        annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
      }),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] },
      rules: [
        ["", ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]],
        ["", ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]],
        ["", ["namespaces"]],
        ["discovery.k8s.io", ["endpointslices"]],
        ["apps", ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]],
        ["autoscaling", ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]],
        ["batch", ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]],
        ["extensions", ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]],
        ["policy", ["poddisruptionbudgets", "poddisruptionbudgets/status"]],
        ["networking.k8s.io", ["ingresses", "ingresses/status", "networkpolicies"]],
      ].map(([g, r]) => ({ apiGroups: [g as string], resources: r as string[], verbs: [...read] })),
    },
  });
  out.push({
    plural: "clusterrolebindings",
    obj: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: meta(c, "cluster-admin", undefined, { labels: { "kubernetes.io/bootstrapping": "rbac-defaults" }, annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" } }),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:masters" }],
    },
  });
  out.push({
    plural: "ingressclasses",
    obj: {
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: meta(c, "nginx", undefined, { annotations: { "ingressclass.kubernetes.io/is-default-class": "true" }, labels: { "app.kubernetes.io/name": "ingress-nginx" } }),
      spec: { controller: "k8s.io/ingress-nginx" },
    },
  });
  return out;
}
