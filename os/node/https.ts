export function createHttps(_http: any): any { throw new Error('todo'); }
