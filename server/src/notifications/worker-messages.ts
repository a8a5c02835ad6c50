// What a worker's subscription message says for each kind of news, fitted to the template's limits
// in one place. Template ids are configuration; the layouts below are the templates this product uses.
import { OUTCOME_LABELS, fitTemplateData, type Outcome } from '@minqing/shared';
import type { AppConfig } from '../config/app-config.js';

export type WorkerNews = 'accepted' | 'progress' | 'replied';

export interface WorkerMessage {
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export function workerMessage(
  news: WorkerNews,
  input: { appealId: string; serial: string; text: string; at: Date; outcome?: Outcome | null; timeZone: string },
  templates: AppConfig['wechat']['templates'],
): WorkerMessage {
  const page = `pages/detail/index?id=${input.appealId}`;
  switch (news) {
    case 'accepted':
      return {
        templateId: templates.accepted,
        page,
        data: fitTemplateData({ character_string1: input.serial, thing2: input.text, phrase3: '已受理', time4: input.at }, input.timeZone),
      };
    case 'progress':
      return { templateId: templates.progress, page, data: fitTemplateData({ character_string1: input.serial, thing2: input.text, time3: input.at }, input.timeZone) };
    case 'replied':
      return {
        templateId: templates.replied,
        page,
        data: fitTemplateData(
          { character_string1: input.serial, thing2: input.text, phrase3: input.outcome ? OUTCOME_LABELS[input.outcome] : '已答复', time4: input.at },
          input.timeZone,
        ),
      };
  }
}
