// The one validation of request bodies and queries: a schema of the contract (shared/src/contract)
// gives the parsed, typed value, or the error envelope with the FieldErrors — the same sentences the
// mini-program's forms show, the first error's code leading. Routes that must first check who is
// calling (someone an appeal is not for learns nothing from a validation answer) call `parseOrThrow`
// in the service after that check instead of validating in a pipe.
import { Body, Query, type PipeTransform } from '@nestjs/common';
import { parseBody, type Schema } from '@minqing/shared';
import type * as v from 'valibot';
import { DomainError } from './domain-error.js';
import { ApiContract } from './openapi.js';

/** The parsed value of `input`, or a DomainError.invalid with the route's status (400 unless it answers otherwise). */
export function parseOrThrow<S extends Schema>(schema: S, input: unknown, statusCode = 400): v.InferOutput<S> {
  const result = parseBody(schema, input);
  if (!result.ok) throw DomainError.invalid(result.errors, statusCode);
  return result.value;
}

export class SchemaPipe<S extends Schema> implements PipeTransform<unknown, v.InferOutput<S>> {
  constructor(
    private readonly schema: S,
    private readonly statusCode = 400,
  ) {}

  transform(value: unknown): v.InferOutput<S> {
    return parseOrThrow(this.schema, value, this.statusCode);
  }
}

export interface ValidOptions {
  /** The status a failed check answers (400 unless the route always answered otherwise). */
  status?: number;
  /** An example for the OpenAPI document. */
  example?: object;
}

/** The request body, checked against its schema, and declared with it in the OpenAPI document. */
export function ValidBody(schema: Schema, options: ValidOptions = {}): ParameterDecorator {
  return (target, key, index) => {
    Body(new SchemaPipe(schema, options.status))(target, key, index);
    ApiContract({ body: schema, example: options.example })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}

/** The query string, checked against its schema, and declared with it in the OpenAPI document. */
export function ValidQuery(schema: Schema, options: ValidOptions = {}): ParameterDecorator {
  return (target, key, index) => {
    Query(new SchemaPipe(schema, options.status))(target, key, index);
    ApiContract({ query: schema })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}
