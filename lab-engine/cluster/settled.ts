// Cluster states known to be fully reconciled at a given resourceVersion (a copy of the default
// template, made before anything touched it). Controllers that skip idle passes use it to skip
// the first full pass of a fresh sandbox too, which otherwise re-derives the whole template on
// the learner's first command. Transient: keyed by the state's controller-state object, never
// serialised; a restored snapshot is not marked and gets its full pass.

const settled = new WeakMap<object, number>();

export function markSettled(ctrlState: object, rv: number): void {
  settled.set(ctrlState, rv);
}

/** The resourceVersion at which this controller state was known settled, if any. */
export function settledAt(ctrlState: object): number | undefined {
  return settled.get(ctrlState);
}
