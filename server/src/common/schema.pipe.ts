// The one validation of request bodies and queries: a schema of the contract (shared/src/contract)
// gives the parsed, typed value, or the error envelope with the FieldErrors — the same sentences the
// mini-program's forms show, the first error's code leading. Routes that must first check who is
// calling (someone an appeal is not for learns nothing from a validation answer) call `parseOrThrow`
// in the service after that check instead of validating in a pipe.
import { Body, Query, type PipeTransform } from '@nestjs/common';
import { fieldError, isPlainObject, parseBody, type ErrorCode, type Schema } from '@minqing/shared';
import type * as v from 'valibot';
import { DomainError } from './domain-error.js';
import { ApiContract } from './openapi.js';

export interface ParseOptions {
  /**
   * Routes that always answered one code without field details: that code whatever failed, or
   * 'first' for the first failed field's code, with the code's own status. Without it: the codes of
   * every field (DomainError.invalid, 400).
   */
  code?: ErrorCode | 'first';
  /**
   * A body that is not an object (none, null, an array): refused with VALIDATION_FAILED on `body`
   * (the default); read as an empty one ('empty'); or refused and its fields reported as missing
   * too ('refuse-and-check'), as each route always did.
   */
  nonObject?: 'refuse' | 'empty' | 'refuse-and-check';
}

/** The parsed value of `input`, or the error envelope the route answers. */
export function parseOrThrow<S extends Schema>(schema: S, input: unknown, options: ParseOptions = {}): v.InferOutput<S> {
  if (options.nonObject && options.nonObject !== 'refuse' && !isPlainObject(input)) {
    const empty = parseBody(schema, {});
    if (options.nonObject === 'empty') input = {};
    else throw DomainError.invalid([fieldError('body', 'VALIDATION_FAILED'), ...(empty.ok ? [] : empty.errors)]);
  }
  const result = parseBody(schema, input);
  if (result.ok) return result.value;
  if (options.code) throw new DomainError(options.code === 'first' ? result.errors[0].code : options.code);
  throw DomainError.invalid(result.errors);
}

export class SchemaPipe<S extends Schema> implements PipeTransform<unknown, v.InferOutput<S>> {
  constructor(
    private readonly schema: S,
    private readonly options: ParseOptions = {},
  ) {}

  transform(value: unknown): v.InferOutput<S> {
    return parseOrThrow(this.schema, value, this.options);
  }
}

export interface ValidOptions extends ParseOptions {
  /** An example for the OpenAPI document. */
  example?: object;
}

/** The request body, checked against its schema, and declared with it in the OpenAPI document. */
export function ValidBody(schema: Schema, options: ValidOptions = {}): ParameterDecorator {
  return (target, key, index) => {
    Body(new SchemaPipe(schema, options))(target, key, index);
    ApiContract({ body: schema, example: options.example })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}

/** The query string, checked against its schema, and declared with it in the OpenAPI document. */
export function ValidQuery(schema: Schema, options: ValidOptions = {}): ParameterDecorator {
  return (target, key, index) => {
    Query(new SchemaPipe(schema, options))(target, key, index);
    ApiContract({ query: schema })(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}
