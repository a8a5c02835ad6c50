// The WeChat simulator's records, readable on the server's own port in the demo and in tests (never
// in production: those routes exist only in simulator mode).
import * as v from 'valibot';

/** What the simulator received (subscription messages, or what a group robot posted), as WeChat would have. */
export const simulatorRecordsView = v.array(v.looseObject({}));
/** In H5 the simulator stands in for wx.requestMerchantTransfer: the worker confirms the bill of this package. */
export const simulatorPayConfirmBody = v.looseObject({ package: v.optional(v.string()) });
export const simulatorPayConfirmView = v.object({ state: v.nullable(v.string()) });
