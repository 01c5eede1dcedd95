export function createFetch(_http: any, _rt: unknown): any { throw new Error('todo'); }
