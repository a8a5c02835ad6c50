// What the worker of a merged appeal reads of the appeal theirs was merged into (the primary): the
// same matter, handled once, but another worker's appeal. They read its status and the lines the
// office and the department wrote for its worker — accepted, dispatched, acknowledged, progress, the
// reply — never its content, photos, conversation, rating or any staff-only line, and never that
// worker's name or phone, even where a line the office wrote for them names them.
import { maskMobilesInText, type TimelineEventType, type TimelineEventView } from '@minqing/shared';
import type { AppealEvent } from './entities/appeal-event.entity.js';

/** The primary's lines a merged appeal's worker reads. */
export const SHARED_WITH_MERGED: readonly TimelineEventType[] = ['accepted', 'dispatched', 'acknowledged', 'progress', 'replied'];

/** The primary's worker, as far as their words may name them. */
export interface PrimaryWorker {
  name: string | null;
  phone: string | null;
}

/**
 * A line written for the primary's worker, fit for another worker: that worker's phone taken out, their
 * name taken out (黄占超师傅 and 黄师傅 read 师傅, the name alone 职工), and any other mobile masked as in every worker message.
 */
export function withoutPrimaryWorker(text: string, worker: PrimaryWorker): string {
  let out = text;
  const phone = worker.phone?.replace(/\D/g, '');
  if (phone && phone.length >= 7) out = out.replace(new RegExp(phone.split('').join('[- ]?'), 'g'), '(电话已隐去)');
  const name = worker.name?.trim();
  if (name && name.length >= 2) {
    // 黄占超师傅 and 黄师傅 read 师傅; the name alone reads 职工.
    for (const form of ['师傅', '同志', '女士', '先生']) out = out.split(`${name}${form}`).join(form).split(`${name[0]}${form}`).join(form);
    out = out.split(name).join('职工');
  }
  return maskMobilesInText(out);
}

/** The primary's timeline as a merged appeal's worker reads it. */
export function primaryTimeline(events: AppealEvent[], actor: (event: AppealEvent) => string, worker: PrimaryWorker): TimelineEventView[] {
  return events
    .filter((event) => event.visibleToWorker && SHARED_WITH_MERGED.includes(event.type))
    .map((event) => ({
      id: event.id,
      type: event.type,
      actor: actor(event),
      text: event.text === null ? null : withoutPrimaryWorker(event.text, worker),
      at: event.createdAt.toISOString(),
    }));
}
