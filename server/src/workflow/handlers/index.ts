// Every transition of the closed loop and its handler. Adding an action: its entry in the contract's
// status machine and body rules, its handler here (the compiler insists), its route in the controller.
import type { TransitionHandlers } from '../transition.js';
import { calls, reply, returnAnswer } from './answer.js';
import { decideExtension, rate, reopen } from './decisions.js';
import { dispatch } from './dispatch.js';
import { acknowledge, extension, progress, respond } from './handling.js';
import { sendBack } from './send-back.js';
import { coAnswer } from './co-answer.js';
import { accept, merge, reject } from './triage.js';
import { withdraw } from './withdraw.js';

export const HANDLERS: TransitionHandlers = {
  accept,
  reject,
  merge,
  dispatch,
  acknowledge,
  progress,
  respond,
  return: returnAnswer,
  'send-back': sendBack,
  'co-answer': coAnswer,
  reply,
  calls,
  extension,
  'extension-decision': decideExtension,
  rate,
  reopen,
  withdraw,
};
