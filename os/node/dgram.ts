export function createDgram(_ctx: unknown, _lookup: unknown): any { throw new Error('todo'); }
