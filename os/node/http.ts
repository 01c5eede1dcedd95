// placeholder, replaced below
export function createHttp(_ctx: unknown, _net: unknown): any { throw new Error('todo'); }
