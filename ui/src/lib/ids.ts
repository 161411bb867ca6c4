// Fresh element ids: short, readable in diffs, and never reused within a document.

let counter = 0;

/** A new id with a prefix, e.g. `n-lx3k9a-4`. Unique within this session. */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter.toString(36)}`;
}
