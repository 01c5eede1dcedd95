// The subset of JSON Schema (as OpenAPI 3.0 uses it) that the management API's routes declare,
// and a validator for it. The same schema objects go into the OpenAPI document (openapi.ts) and
// check request bodies and, in tests, every response: one source of truth.
//
// Supported keywords: type (string, integer, number, boolean, array, object), properties,
// required, additionalProperties (boolean or schema), items, enum, nullable, description, format
// (informative only), oneOf. Anything else is not used by any route.

export interface Schema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: (string | number)[];
  nullable?: boolean;
  description?: string;
  format?: string;
  oneOf?: Schema[];
}

/** Problems with `value` against `schema`, as "path: what" strings; empty when it conforms. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  if (value === null) return schema.nullable ? [] : [`${path}: null is not allowed`];
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => validate(s, value, path).length === 0).length;
    return matching === 1 ? [] : [`${path}: matches ${matching} of the oneOf schemas, not exactly one`];
  }
  const out: string[] = [];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string, got ${typeName(value)}`];
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`${path}: expected an integer, got ${typeName(value)}`];
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${path}: expected a number, got ${typeName(value)}`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${path}: expected a boolean, got ${typeName(value)}`];
      break;
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array, got ${typeName(value)}`];
      if (schema.items) value.forEach((v, i) => out.push(...validate(schema.items!, v, `${path}[${i}]`)));
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object, got ${typeName(value)}`];
      const obj = value as Record<string, unknown>;
      for (const k of schema.required ?? []) if (!(k in obj)) out.push(`${path}: missing property ${k}`);
      for (const [k, v] of Object.entries(obj)) {
        const prop = schema.properties?.[k];
        if (prop) out.push(...validate(prop, v, `${path}.${k}`));
        else if (schema.additionalProperties === false) out.push(`${path}: unexpected property ${k}`);
        else if (typeof schema.additionalProperties === 'object') out.push(...validate(schema.additionalProperties, v, `${path}.${k}`));
      }
      break;
    }
    default:
      break;
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  return out;
}

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v;
}

// Shorthands for route declarations.
export const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
export const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
export const num = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) });
export const bool = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const arr = (items: Schema): Schema => ({ type: 'array', items });
/** An object with exactly these (required) properties, plus `optional` ones. */
export const obj = (properties: Record<string, Schema>, optional: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  properties: { ...properties, ...optional },
  required: Object.keys(properties),
  additionalProperties: false,
});
/** A map of string keys to `values`. */
export const map = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
