// Sections of the engine-compat script for console, assert, url, querystring and punycode.
type Out = (section: string, name: string, value: unknown) => void;
export function extraSections(_out: Out, _show: (v: unknown) => string, _attempt: (fn: () => unknown) => unknown): [string, () => unknown][] {
  return [];
}
