// node:assert/strict: assert in strict mode (equal is strictEqual, deepEqual is deepStrictEqual).
import { strictAssert } from './assert';
export default strictAssert;
