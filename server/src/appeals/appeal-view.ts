// What a viewer may see of an appeal (DESIGN §1, identities): the worker sees their own appeal and
// the worker-visible timeline; staff names are shown as their office, never as private persons.
import {
  ROLE_LABELS,
  fitText,
  maskPhone,
  type AppealSummaryView,
  type AppealView,
  type PhotoView,
  type Role,
  type TimelineEventView,
} from '@minqing/shared';
import type { Category } from '../org/entities/category.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import type { AppealEvent } from './entities/appeal-event.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

export type Viewer = 'owner' | 'staff';

function actorLabel(event: AppealEvent, viewer: Viewer): string {
  if (event.actorRole === 'owner') return viewer === 'owner' ? '我' : '职工';
  if (event.actorRole === 'system') return '系统';
  return ROLE_LABELS[event.actorRole as Role] ?? '工作人员';
}

export function timelineView(events: AppealEvent[], viewer: Viewer): TimelineEventView[] {
  return events
    .filter((event) => viewer === 'staff' || event.visibleToWorker)
    .map((event) => ({ id: event.id, type: event.type, actor: actorLabel(event, viewer), text: event.text, at: event.createdAt.toISOString() }));
}

export function summaryView(appeal: Appeal, category: Category, place: Place | null): AppealSummaryView {
  return {
    id: appeal.id,
    serial: appeal.serial,
    status: appeal.status,
    category: { code: category.code, name: category.name },
    place: place ? { code: place.code, name: place.name } : null,
    excerpt: fitText(appeal.content.replace(/\s+/g, ' '), 40),
    createdAt: appeal.createdAt.toISOString(),
    updatedAt: appeal.updatedAt.toISOString(),
  };
}

export function appealView(
  parts: { appeal: Appeal; orgCode: string; category: Category; place: Place | null; phone: string | null; photos: PhotoView[]; events: AppealEvent[] },
  viewer: Viewer,
): AppealView {
  const { appeal } = parts;
  return {
    ...summaryView(appeal, parts.category, parts.place),
    org: parts.orgCode,
    content: appeal.content,
    identity: appeal.identity,
    phone: maskPhone(parts.phone),
    photos: parts.photos,
    publishConsent: appeal.publishConsent,
    urgent: appeal.urgent,
    outcome: appeal.outcome,
    rating: appeal.rating,
    ...(viewer === 'staff' ? { underReview: appeal.underReview } : {}),
    version: appeal.version,
    timeline: timelineView(parts.events, viewer),
  };
}
