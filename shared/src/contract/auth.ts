// Logging in, and the person as the API describes them (GET /api/me, the login answer, binding a role).
import * as v from 'valibot';
import { openBody } from './rules.js';
import { ROLES } from '../enums.js';

/** POST /api/auth/wx-login: the code of wx.login (with the simulator, `test:<openid>`). */
export const wxLoginBody = openBody({ code: v.pipe(v.string('AUTH_CODE_INVALID'), v.minLength(1, 'AUTH_CODE_INVALID'), v.maxLength(128, 'AUTH_CODE_INVALID')) });

export type WxLoginRequest = v.InferOutput<typeof wxLoginBody>;

export const userView = v.object({
  id: v.string(),
  openid: v.optional(v.string()),
  roles: v.array(v.picklist(ROLES)),
  org: v.nullish(v.string()),
  name: v.nullish(v.string()),
  unit: v.nullish(v.string()),
  /** Masked, e.g. 138****5678. */
  phone: v.nullish(v.string()),
});

export const loginResponse = v.object({
  token: v.string(),
  /** Seconds until the token expires. */
  expiresIn: v.number(),
  user: userView,
});

/** The H5 build has no wx.login: its login page lists these. */
export const demoUserView = v.object({ openid: v.string(), label: v.string() });

export type UserView = v.InferOutput<typeof userView>;
export type LoginResponse = v.InferOutput<typeof loginResponse>;
export type DemoUserView = v.InferOutput<typeof demoUserView>;
/** GET /api/demo/users (simulator mode only) */
export const demoUserList = v.array(demoUserView);

/** DELETE /api/me: the person's data is erased (their sessions have ended). */
export const erasureView = v.object({ erased: v.literal(true) });
