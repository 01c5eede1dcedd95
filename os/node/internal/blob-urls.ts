// The blob: URLs of URL.createObjectURL (Node 20: "blob:nodedata:<uuid>"), resolved by
// buffer.resolveObjectURL until URL.revokeObjectURL. One registry per process.
const registry = new Map<string, unknown>();
const PREFIX = 'blob:nodedata:';

export function registerBlob(blob: unknown, uuid: string): string {
  registry.set(uuid, blob);
  return `${PREFIX}${uuid}`;
}

/** The uuid of a URL this registry made, or undefined. */
function idOf(url: string): string | undefined {
  return url.startsWith(PREFIX) ? url.slice(PREFIX.length).split(/[?#]/)[0] : undefined;
}

export function revokeBlobUrl(url: string): void {
  const id = idOf(url);
  if (id !== undefined) registry.delete(id);
}

export function resolveBlobUrl(url: string): unknown {
  const id = idOf(url);
  return id === undefined ? undefined : registry.get(id);
}
