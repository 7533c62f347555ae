/**
 * Checks an API answer against docs/openapi.json, the description API users generate clients
 * from: every documented operation's answer must match the schema for its status (or the
 * operation's `default`). tests/support/api.ts calls this for every request an HTTP test makes,
 * so the description cannot drift from what the server answers.
 *
 * The validator is deliberately small: it knows the JSON Schema keywords the description uses and
 * throws on any other, so a schema can never be silently skipped.
 */
import fs from 'node:fs';
import path from 'node:path';

type Schema = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }>;
}

const SPEC = JSON.parse(
  fs.readFileSync(path.join(path.dirname(__filename), '../../docs/openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** `/api/todo_items/{id}` as a pattern; the tutorial's `/todo_items…` paths are the same routes. */
const ROUTES = Object.keys(SPEC.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * The problems with `body` as the answer to `method path` with `status`; [] when it matches or
 * the operation is not documented (an unknown path's 404 is Next's, not the API's).
 */
export function openApiProblems(
  method: string,
  url: string,
  status: number,
  body: unknown,
): string[] {
  const pathname = new URL(url, 'http://x').pathname.replace(/^\/todo_items/, '/api/todo_items');
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route || status === 204) return [];
  const item = SPEC.paths[route.template]!;
  // A method the path does not serve still answers the API's error envelope (405).
  const operation = item[method.toLowerCase()] ?? {
    responses: { default: item.get?.responses.default ?? anyError() },
  };
  const response = operation.responses[String(status)] ?? operation.responses.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${route.template}: status ${status} is not documented`];
  return validate(schema, body, '$').map((p) => `${method} ${route.template} → ${status}: ${p}`);
}

function anyError(): Operation['responses'][string] {
  return { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

const KNOWN = new Set([
  ...['$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const'],
  ...['minimum', 'minLength', 'maxItems', 'minProperties', 'pattern', 'format', 'anyOf'],
  'description',
]);

function validate(schema: Schema, value: unknown, at: string): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`openapi.ts does not know the keyword "${keyword}"`);
  }
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = SPEC.components.schemas[name];
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    return validate(target, value, at);
  }
  if (Array.isArray(schema.anyOf)) {
    const all = (schema.anyOf as Schema[]).map((s) => validate(s, value, at));
    return all.some((problems) => problems.length === 0) ? [] : [`${at} matches none of anyOf`];
  }
  const problems: string[] = [];
  const fail = (why: string): string[] => [`${at} ${why}`];
  if ('const' in schema && value !== schema.const)
    return fail(`is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return fail(`is not one of the enum`);
  if (typeof schema.type === 'string' && !hasType(value, schema.type))
    return fail(`is not ${schema.type}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength)
      problems.push(`${at} is too short`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${at} does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value))
      problems.push(`${at} is not an ISO-8601 UTC date-time`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum)
    problems.push(`${at} is below ${schema.minimum}`);
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      problems.push(`${at} has over ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((v, i) => problems.push(...validate(schema.items as Schema, v, `${at}[${i}]`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) problems.push(`${at} lacks "${name}"`);
    }
    if (
      typeof schema.minProperties === 'number' &&
      Object.keys(object).length < schema.minProperties
    )
      problems.push(`${at} has too few properties`);
    for (const [name, v] of Object.entries(object)) {
      if (properties[name]) problems.push(...validate(properties[name], v, `${at}.${name}`));
      else if (schema.additionalProperties === false)
        problems.push(`${at} has an undocumented "${name}"`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isSafeInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
