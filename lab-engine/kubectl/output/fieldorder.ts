// Go struct field order of common Kubernetes API types, for printing typed objects the
// way encoding/json does (kubectl create/run --dry-run=client -o json). Each entry lists
// `jsonName[:type]`; type is another entry, `map` (a Go map: keys sorted), or `[]type`.
// Untyped fields are scalars or things we do not model (their keys keep insertion order).

const SPEC: Record<string, string> = {
  Object: "kind apiVersion metadata:ObjectMeta spec status",
  ObjectMeta:
    "name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp " +
    "deletionGracePeriodSeconds labels:map annotations:map ownerReferences:[]OwnerReference finalizers managedFields",
  OwnerReference: "apiVersion kind name uid controller blockOwnerDeletion",
  LabelSelector: "matchLabels:map matchExpressions:[]LabelSelectorRequirement",
  LabelSelectorRequirement: "key operator values",

  Pod: "kind apiVersion metadata:ObjectMeta spec:PodSpec status:PodStatus",
  PodTemplateSpec: "metadata:ObjectMeta spec:PodSpec",
  PodSpec:
    "volumes:[]Volume initContainers:[]Container containers:[]Container ephemeralContainers:[]Container restartPolicy " +
    "terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector:map serviceAccountName serviceAccount " +
    "automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext " +
    "imagePullSecrets hostname subdomain affinity schedulerName tolerations:[]Toleration hostAliases priorityClassName " +
    "priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead:map " +
    "topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources:ResourceRequirements",
  Container:
    "name image command args workingDir ports:[]ContainerPort envFrom:[]EnvFromSource env:[]EnvVar " +
    "resources:ResourceRequirements resizePolicy restartPolicy volumeMounts:[]VolumeMount volumeDevices " +
    "livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle terminationMessagePath " +
    "terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty",
  ContainerPort: "name hostPort containerPort protocol hostIP",
  EnvVar: "name value valueFrom:EnvVarSource",
  EnvVarSource: "fieldRef resourceFieldRef configMapKeyRef:KeySelector secretKeyRef:KeySelector",
  KeySelector: "name key optional",
  EnvFromSource: "prefix configMapRef secretRef",
  ResourceRequirements: "limits:map requests:map claims",
  VolumeMount: "name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr",
  Probe:
    "exec httpGet:HTTPGetAction tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold " +
    "failureThreshold terminationGracePeriodSeconds",
  HTTPGetAction: "path port host scheme httpHeaders",
  Toleration: "key operator value effect tolerationSeconds",
  Volume:
    "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs " +
    "persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume " +
    "quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image",
  PodStatus:
    "phase conditions:[]PodCondition message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime " +
    "initContainerStatuses:[]ContainerStatus containerStatuses:[]ContainerStatus qosClass " +
    "ephemeralContainerStatuses:[]ContainerStatus resize resourceClaimStatuses",
  PodCondition: "type status lastProbeTime lastTransitionTime reason message",
  ContainerStatus:
    "name state:ContainerState lastState:ContainerState ready restartCount image imageID containerID started " +
    "allocatedResources:map resources:ResourceRequirements volumeMounts user allocatedResourcesStatus",
  ContainerState: "waiting:ContainerStateWaiting running terminated:ContainerStateTerminated",
  ContainerStateWaiting: "reason message",
  ContainerStateTerminated: "exitCode signal reason message startedAt finishedAt containerID",

  Deployment: "kind apiVersion metadata:ObjectMeta spec:DeploymentSpec status:DeploymentStatus",
  DeploymentSpec:
    "replicas selector:LabelSelector template:PodTemplateSpec strategy:DeploymentStrategy minReadySeconds " +
    "revisionHistoryLimit paused progressDeadlineSeconds",
  DeploymentStrategy: "type rollingUpdate:RollingUpdate",
  RollingUpdate: "maxUnavailable maxSurge",
  DeploymentStatus:
    "observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas " +
    "terminatingReplicas conditions:[]DeploymentCondition collisionCount",
  DeploymentCondition: "type status lastUpdateTime lastTransitionTime reason message",
  ReplicaSet: "kind apiVersion metadata:ObjectMeta spec:ReplicaSetSpec status:ReplicaSetStatus",
  ReplicaSetSpec: "replicas minReadySeconds selector:LabelSelector template:PodTemplateSpec",
  ReplicaSetStatus: "replicas fullyLabeledReplicas readyReplicas availableReplicas terminatingReplicas observedGeneration conditions",
  DaemonSet: "kind apiVersion metadata:ObjectMeta spec:DaemonSetSpec status",
  DaemonSetSpec: "selector:LabelSelector template:PodTemplateSpec updateStrategy minReadySeconds revisionHistoryLimit",
  StatefulSet: "kind apiVersion metadata:ObjectMeta spec:StatefulSetSpec status",
  StatefulSetSpec:
    "replicas selector:LabelSelector template:PodTemplateSpec volumeClaimTemplates serviceName podManagementPolicy " +
    "updateStrategy revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy ordinals",

  Job: "kind apiVersion metadata:ObjectMeta spec:JobSpec status",
  JobSpec:
    "parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex " +
    "maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec ttlSecondsAfterFinished " +
    "completionMode suspend podReplacementPolicy managedBy",
  CronJob: "kind apiVersion metadata:ObjectMeta spec:CronJobSpec status",
  CronJobSpec:
    "schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec " +
    "successfulJobsHistoryLimit failedJobsHistoryLimit",
  JobTemplateSpec: "metadata:ObjectMeta spec:JobSpec",

  Service: "kind apiVersion metadata:ObjectMeta spec:ServiceSpec status:ServiceStatus",
  ServiceSpec:
    "ports:[]ServicePort selector:map clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP " +
    "loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses " +
    "sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass " +
    "internalTrafficPolicy trafficDistribution",
  ServicePort: "name protocol appProtocol port targetPort nodePort",
  ServiceStatus: "loadBalancer conditions",

  ConfigMap: "kind apiVersion metadata:ObjectMeta immutable data:map binaryData:map",
  Secret: "kind apiVersion metadata:ObjectMeta immutable data:map stringData:map type",
  Namespace: "kind apiVersion metadata:ObjectMeta spec status",
  ServiceAccount: "kind apiVersion metadata:ObjectMeta secrets imagePullSecrets automountServiceAccountToken",

  Role: "kind apiVersion metadata:ObjectMeta rules:[]PolicyRule",
  ClusterRole: "kind apiVersion metadata:ObjectMeta rules:[]PolicyRule aggregationRule",
  PolicyRule: "verbs apiGroups resources resourceNames nonResourceURLs",
  RoleBinding: "kind apiVersion metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef",
  ClusterRoleBinding: "kind apiVersion metadata:ObjectMeta subjects:[]Subject roleRef:RoleRef",
  Subject: "kind apiGroup name namespace",
  RoleRef: "apiGroup kind name",

  Ingress: "kind apiVersion metadata:ObjectMeta spec:IngressSpec status",
  IngressSpec: "ingressClassName defaultBackend:IngressBackend tls:[]IngressTLS rules:[]IngressRule",
  IngressTLS: "hosts secretName",
  IngressRule: "host http:HTTPIngressRuleValue",
  HTTPIngressRuleValue: "paths:[]HTTPIngressPath",
  HTTPIngressPath: "path pathType backend:IngressBackend",
  IngressBackend: "service:IngressServiceBackend resource",
  IngressServiceBackend: "name port:ServiceBackendPort",
  ServiceBackendPort: "name number",

  PriorityClass: "kind apiVersion metadata:ObjectMeta value globalDefault description preemptionPolicy",
  PodDisruptionBudget: "kind apiVersion metadata:ObjectMeta spec:PodDisruptionBudgetSpec status:PodDisruptionBudgetStatus",
  PodDisruptionBudgetSpec: "minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy",
  PodDisruptionBudgetStatus:
    "observedGeneration disruptedPods:map disruptionsAllowed currentHealthy desiredHealthy expectedPods conditions",
  ResourceQuota: "kind apiVersion metadata:ObjectMeta spec:ResourceQuotaSpec status:ResourceQuotaStatus",
  ResourceQuotaSpec: "hard:map scopes scopeSelector",
  ResourceQuotaStatus: "hard:map used:map",
  HorizontalPodAutoscaler: "kind apiVersion metadata:ObjectMeta spec:HPASpec status:HPAStatus",
  HPAStatus: "observedGeneration lastScaleTime currentReplicas desiredReplicas currentCPUUtilizationPercentage currentMetrics conditions",
  HPASpec: "scaleTargetRef:CrossVersionObjectReference minReplicas maxReplicas targetCPUUtilizationPercentage metrics behavior",
  CrossVersionObjectReference: "kind name apiVersion",

  Event:
    "kind apiVersion metadata:ObjectMeta involvedObject:ObjectReference reason message source:EventSource firstTimestamp " +
    "lastTimestamp count type eventTime series:EventSeries action related:ObjectReference reportingComponent reportingInstance",
  EventList: "kind apiVersion metadata items:[]Event",
  ObjectReference: "kind namespace name uid apiVersion resourceVersion fieldPath",
  EventSource: "component host",
  EventSeries: "count lastObservedTime",
  SelfSubjectReview: "kind apiVersion metadata:ObjectMeta status:SelfSubjectReviewStatus",
  SelfSubjectReviewStatus: "userInfo:UserInfo",
  UserInfo: "username uid groups extra:map",
};

export interface GoTypeOrder {
  fields: [string, string | undefined][];
}

const cache = new Map<string, GoTypeOrder>();

/** Field order of a Go type (see SPEC), or undefined if unknown. */
export function goTypeOrder(type: string): GoTypeOrder | undefined {
  const hit = cache.get(type);
  if (hit) return hit;
  const spec = SPEC[type];
  if (!spec) return undefined;
  const fields = spec.split(/\s+/).map((f): [string, string | undefined] => {
    const [name, t] = f.split(":");
    return [name, t];
  });
  const r = { fields };
  cache.set(type, r);
  return r;
}
