// The OpenAPI document is the contract, complete: every route the application serves (from its own
// metadata) is in /api/docs-json, every route that reads a body declares the body's schema, every
// answer declares its schema (JSON) or its content type (files, pages, redirects, 204). A route added
// without its schemas fails here. Then real answers are checked against the schemas the document
// declares for them — closed objects, so a field the schema forgot fails as well as a wrong type.
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { routeList } from './support/route-list.js';
import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

interface JsonSchema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  format?: string;
}

interface Operation {
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

/** Where `value` breaks `schema` (the OpenAPI 3.0 subset the contract's converter writes); [] when it keeps it. */
function problems(schema: JsonSchema, value: unknown, at = '$'): string[] {
  if (value === null) return schema.nullable || schema.anyOf?.some((s) => s.nullable || s.type === 'null') || (!schema.type && !schema.anyOf) ? [] : [`${at}: null`];
  if (schema.anyOf) return schema.anyOf.some((s) => problems(s, value, at).length === 0) ? [] : [`${at}: matches none of anyOf`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`];
  if ('const' in schema && schema.const !== value) return [`${at}: not ${JSON.stringify(schema.const)}`];
  switch (schema.type) {
    case undefined:
      return [];
    case 'string':
    case 'boolean':
      return typeof value === schema.type ? [] : [`${at}: not a ${schema.type}`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => (schema.items ? problems(schema.items, item, `${at}[${i}]`) : [])) : [`${at}: not an array`];
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
      const record = value as Record<string, unknown>;
      const found = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key}: missing`);
      for (const [key, item] of Object.entries(record)) {
        const declared = schema.properties?.[key];
        if (declared) found.push(...problems(declared, item, `${at}.${key}`));
        else if (typeof schema.additionalProperties === 'object') found.push(...problems(schema.additionalProperties, item, `${at}.${key}`));
        else if (schema.additionalProperties !== true && schema.properties && Object.keys(schema.properties).length) found.push(`${at}.${key}: not declared`);
      }
      return found;
    }
    default:
      return [`${at}: unknown type ${schema.type}`];
  }
}

/** A schema that says something (not `{}`). */
const describes = (schema: JsonSchema | undefined) => !!schema && (schema.type !== undefined || schema.anyOf !== undefined || schema.enum !== undefined);

describe.each(enginesUnderTest())('the OpenAPI document on %s', (engine) => {
  const ctx = useTestApp(engine);
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    const response = await ctx.t.http().get('/api/docs-json');
    expect(response.status).toBe(200);
    paths = response.body.paths;
  });

  const operation = (method: string, path: string): Operation | undefined => paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  const responseSchema = (method: string, path: string, status: number): JsonSchema => {
    const schema = operation(method, path)?.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${path} declares no JSON schema for ${status}`);
    return schema;
  };

  it('has every route of the application, each body with its schema, each answer with its schema or content type', () => {
    const routes = routeList(ctx.t.app);
    expect(routes.length).toBeGreaterThan(60);
    const failures: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const op = operation(route.method, route.path);
      if (!op) {
        failures.push(`${name}: missing from the document`);
        continue;
      }
      if (route.takesBody) {
        const content = op.requestBody?.content ?? {};
        if (!Object.keys(content).length || !Object.values(content).every((c) => describes(c.schema))) failures.push(`${name}: takes a body without a request schema`);
      }
      const answers = Object.entries(op.responses ?? {}).filter(([status]) => /^[23]\d\d$/.test(status));
      if (!answers.length) failures.push(`${name}: declares no answer`);
      // The answer declared is the one Nest gives (a route writing its own reply sets its own status).
      if (!route.ownsReply && !answers.some(([status]) => Number(status) === route.status))
        failures.push(`${name}: answers ${route.status}, the document says ${answers.map(([s]) => s).join(', ')}`);
      for (const [status, answer] of answers) {
        const content = answer.content ?? {};
        if (!Object.keys(content).length && status !== '204' && !status.startsWith('3')) failures.push(`${name}: ${status} declares neither a schema nor a content type`);
        for (const [type, body] of Object.entries(content)) {
          if (type.includes('json') ? !describes(body.schema) : !body.schema) failures.push(`${name}: ${status} ${type} without a schema`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('declares schemas the real answers keep', async () => {
    const worker = await ctx.t.login('openapi_worker');
    const coordinator = await ctx.t.login(ctx.org.staff.coordinator);
    const admin = await ctx.t.login(ctx.org.staff.admin);
    const check = (method: string, path: string, status: number, body: unknown) => expect(problems(responseSchema(method, path, status), body)).toEqual([]);

    const submitted = await submitAppeal(ctx.t, worker, validAppeal(ctx.org.code, { phone: '13800138000' }));
    expect(submitted.status).toBe(201);
    check('POST', '/api/appeals', 201, submitted.body);
    const id = submitted.body.id as string;

    const mine = await ctx.t.http().get(`/api/appeals/${id}`).set('Authorization', `Bearer ${worker}`);
    check('GET', '/api/appeals/:id', 200, mine.body);
    const message = await ctx.t.http().post(`/api/appeals/${id}/messages`).set('Authorization', `Bearer ${worker}`).send({ text: '下夜班是早上八点' });
    expect(message.status).toBe(201);
    check('POST', '/api/appeals/:id/messages', 201, message.body);
    const myList = await ctx.t.http().get('/api/appeals?scope=mine').set('Authorization', `Bearer ${worker}`);
    check('GET', '/api/appeals', 200, myList.body);

    // The office's inbox, and the appeal as staff see it (with the staff details) after a transition.
    const inbox = await ctx.t.http().get('/api/appeals?queue=new').set('Authorization', `Bearer ${coordinator}`);
    expect(inbox.body.items.length).toBeGreaterThan(0);
    check('GET', '/api/appeals', 200, inbox.body);
    const accepted = await act(ctx.t, coordinator, id, 'accept', { urgent: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body.staff).toBeDefined();
    check('POST', '/api/appeals/:id/accept', 200, accepted.body);

    check('GET', '/api/me', 200, (await ctx.t.http().get('/api/me').set('Authorization', `Bearer ${worker}`)).body);
    check('GET', '/api/public/orgs/:org', 200, (await ctx.t.http().get(`/api/public/orgs/${ctx.org.code}`)).body);
    check('GET', '/api/admin/org', 200, (await ctx.t.http().get('/api/admin/org').set('Authorization', `Bearer ${admin}`)).body);
    check('GET', '/api/admin/deadline-policy', 200, (await ctx.t.http().get('/api/admin/deadline-policy').set('Authorization', `Bearer ${admin}`)).body);
    check('GET', '/api/staff/directory', 200, (await ctx.t.http().get('/api/staff/directory').set('Authorization', `Bearer ${coordinator}`)).body);
    check('GET', '/api/health', 200, (await ctx.t.http().get('/api/health')).body);
  });

  it('the checker itself refuses what a schema does not declare', () => {
    const schema: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, n: { type: 'number', nullable: true } }, required: ['id'] };
    expect(problems(schema, { id: 'a', n: null })).toEqual([]);
    expect(problems(schema, { id: 1 })).toEqual(['$.id: not a string']);
    expect(problems(schema, { n: 1, extra: true })).toEqual(['$.id: missing', '$.extra: not declared']);
  });
});
