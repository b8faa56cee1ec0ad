// Plain-data shapes of Kubernetes objects as the simulated API server stores them.
// Objects stay `any`-typed below metadata on purpose: the API surface is huge, and the
// real contract is the OpenAPI schema used for validation, not TypeScript types.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [k: string]: any;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [k: string]: any;
}

/** Watch event as the API server emits it (`kubectl get -w`, controllers). */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  resource: string; // plural resource name, e.g. "pods"
  object: KObject;
}
