/**
 * A copy of a Postman collection holding only some requests, so that a selective run sends no
 * request it does not report. Folders are kept when something in them is; everything else of the
 * collection (scripts, variables, auth) is kept as it is.
 */

interface CollectionNode {
  readonly id?: unknown;
  readonly item?: unknown;
  readonly [other: string]: unknown;
}

function isNode(value: unknown): value is CollectionNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filterItems(items: readonly unknown[], keep: ReadonlySet<string>): unknown[] {
  const kept: unknown[] = [];
  for (const item of items) {
    if (!isNode(item)) continue;
    if (Array.isArray(item.item)) {
      const children = filterItems(item.item, keep);
      if (children.length > 0) kept.push({ ...item, item: children });
    } else if (typeof item.id === 'string' && keep.has(item.id)) {
      kept.push(item);
    }
  }
  return kept;
}

/**
 * The collection with the requests whose id is in `keep` (cases, and the setup and teardown steps
 * the caller wants), in their original order.
 */
export function filterCollection(collection: { readonly item: readonly unknown[] }, keep: ReadonlySet<string>): object {
  return { ...collection, item: filterItems(collection.item, keep) };
}
