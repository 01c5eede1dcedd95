// node:util/types: the same object as util.types.
import { types } from './internal/types';
export default types;
