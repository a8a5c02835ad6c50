// Every HTTP route the application serves, read from Nest's own controller metadata — so a test that
// walks this list covers a route the day it is added, without anyone listing it by hand.
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '../../src/common/access.decorators.js';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. /api/appeals/:id/accept */
  path: string;
  public: boolean;
  controller: string;
  /** Reads a request body: a @Body() parameter, or the raw request (multipart, signed notices). */
  takesBody: boolean;
}

const METHODS: Partial<Record<RequestMethod, RouteInfo['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

export function routeList(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      const classPublic = Reflect.getMetadata(IS_PUBLIC, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (!method || path === undefined) continue;
        const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) as Record<string, unknown> | undefined) ?? {}).map((key) => Number(key.split(':')[0]));
        const takesBody = args.includes(RouteParamtypes.BODY) || (method !== 'GET' && args.includes(RouteParamtypes.REQUEST));
        routes.push({ method, path: join(prefix, path), public: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true, controller: type.name, takesBody });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
