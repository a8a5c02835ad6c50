// What staff are told of new work, reminders and escalations: one piece of news becomes an inbox
// notice, a WeChat to-do message (fitted to the template) and, where the organisation wants it, a
// markdown post to the department's group robot. The news is built from the serial number, the
// department and the times only — never the appeal's text or the worker's identity — so a
// confidential or anonymous worker cannot be exposed through a staff channel.
import { fitTemplateData } from '@minqing/shared';
import type { TemplateKeys } from '../config/wechat-platform-config.js';

export interface StaffNews {
  /** Short headline, e.g. 新的批办单 (the message's first field). */
  title: string;
  /** The full sentence for the inbox and the group robot. */
  body: string;
  /** A few words for the WeChat message's note field, e.g. the department. */
  note: string;
  /** The time the news is about (a deadline), when there is one. */
  dueAt?: Date | null;
}

export const staffPage = (appealId: string): string => `admin/appeal/index?id=${appealId}`;

/** The to-do template's fields, each under the key the configured template gives it. */
export function staffTodoData(news: StaffNews, serial: string, now: Date, timeZone: string, keys: TemplateKeys['todo']): Record<string, { value: string }> {
  return fitTemplateData({ [keys.title]: news.title, [keys.serial]: serial, [keys.due]: news.dueAt ?? now, [keys.note]: news.note }, timeZone);
}

/** The group robot's markdown: headline, the sentence, and a link that opens the appeal in the H5 admin. */
export function robotMarkdown(news: StaffNews, serial: string, link: string): string {
  return [`**【民情一码通】${news.title}**`, `> 诉求编号:<font color="info">${serial}</font>`, `> ${news.body}`, `[打开诉求](${link})`].join('\n');
}
