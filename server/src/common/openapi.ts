// The OpenAPI document is drawn from the contract's schemas themselves: each route declares its body,
// query and response schema once (valibot, in shared/) and this turns them into the document's JSON
// Schema. The converter lives on the server only, so it never reaches the mini-program's bundle.
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiQuery, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { Schema } from '@minqing/shared';

type SchemaObject = Exclude<NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string], { $ref: string }>;

const converted = new WeakMap<Schema, SchemaObject>();

/** A contract schema as OpenAPI 3.0's JSON Schema (checks written as code, e.g. "a real time zone", are described by the error codes, not here). */
export function openApiSchema(schema: Schema): SchemaObject {
  let json = converted.get(schema);
  if (!json) {
    json = toJsonSchema(schema, { target: 'openapi-3.0', errorMode: 'ignore' }) as SchemaObject;
    converted.set(schema, json);
  }
  return json;
}

export interface RouteContract {
  /** The JSON body the route reads, and an example of it for the document. */
  body?: Schema;
  example?: object;
  /** The query parameters (an object schema: one parameter per entry). */
  query?: Schema;
  /** The JSON it answers, and with which status or statuses (200 unless given). */
  response?: Schema;
  status?: number | number[];
  /** Other content types the same answer may come as (e.g. the month's report as a spreadsheet). */
  files?: string[];
}

/** Declares a route's body, query and response schemas in the OpenAPI document. */
export function ApiContract(contract: RouteContract): MethodDecorator {
  const decorators: MethodDecorator[] = [];
  if (contract.body) decorators.push(ApiBody({ schema: contract.example ? { ...openApiSchema(contract.body), example: contract.example } : openApiSchema(contract.body) }));
  if (contract.query) {
    const json = openApiSchema(contract.query);
    const required = new Set(json.required ?? []);
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      decorators.push(ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }));
    }
  }
  if (contract.response) {
    const content: Record<string, { schema: SchemaObject }> = { 'application/json': { schema: openApiSchema(contract.response) } };
    for (const type of contract.files ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
    for (const status of [contract.status ?? 200].flat()) decorators.push(ApiResponse({ status, description: 'OK', content }));
  }
  return applyDecorators(...decorators);
}

/** A route that answers something other than JSON (an image, a PDF, a spreadsheet, a page, a redirect). */
export function ApiFile(contentTypes: string | string[], description: string, status = 200): MethodDecorator {
  const types = Array.isArray(contentTypes) ? contentTypes : [contentTypes];
  const content = Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } as SchemaObject }]));
  return applyDecorators(ApiProduces(...types), ApiResponse({ status, description, content }));
}

/** A route that answers a redirect. */
export function ApiRedirect(description: string, status = 302): MethodDecorator {
  return ApiResponse({ status, description, headers: { location: { description: 'Where to go', schema: { type: 'string' } } } });
}

/** A route that answers nothing (204). */
export function ApiNoContent(description: string): MethodDecorator {
  return ApiResponse({ status: 204, description });
}
