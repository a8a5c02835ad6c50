// Every HTTP route the application serves, read from Nest's own controller metadata — so a test that
// walks this list covers a route the day it is added, without anyone listing it by hand.
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
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
  /** The status Nest answers on success (@HttpCode, else 201 for POST and 200 for the rest). */
  status: number;
  /** Writes its own reply (@Res() without passthrough): files, pages, redirects set their own status. */
  ownsReply: boolean;
}

const METHODS: Partial<Record<RequestMethod, RouteInfo['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

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
        const params = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) as Record<string, { data?: { passthrough?: boolean } }> | undefined) ?? {});
        const has = (kind: RouteParamtypes) => params.filter(([key]) => Number(key.split(':')[0]) === kind);
        const takesBody = has(RouteParamtypes.BODY).length > 0 || (method !== 'GET' && has(RouteParamtypes.REQUEST).length > 0);
        const ownsReply = has(RouteParamtypes.RESPONSE).some(([, arg]) => arg.data?.passthrough !== true);
        const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'POST' ? 201 : 200);
        routes.push({
          method,
          path: join(prefix, path),
          public: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true,
          controller: type.name,
          takesBody,
          status,
          ownsReply,
        });
      }
    }
  }
  // Logging out revokes the caller's tokens: a walker calls it after every other route.
  // Routes that end the caller's sessions go last: the logout, then the erasure of one's own data.
  const last = (r: RouteInfo) => (r.path === '/api/auth/logout' ? 1 : r.path === '/api/me' && r.method === 'DELETE' ? 2 : 0);
  return routes.sort((a, b) => last(a) - last(b) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
