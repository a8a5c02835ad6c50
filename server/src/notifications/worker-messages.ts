// What a worker's subscription message says for each kind of news, fitted to the template's limits
// in one place. Template ids and each field's key are configuration (the template picked in WeChat's
// 公共模板库 fixes the keys); what goes in each field is decided here.
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
  wechat: Pick<AppConfig['wechat'], 'templates' | 'templateKeys'>,
): WorkerMessage {
  const page = `pages/detail/index?id=${input.appealId}`;
  const { templates, templateKeys: keys } = wechat;
  switch (news) {
    case 'accepted': {
      const k = keys.accepted;
      return {
        templateId: templates.accepted,
        page,
        data: fitTemplateData({ [k.serial]: input.serial, [k.text]: input.text, [k.status]: '已受理', [k.time]: input.at }, input.timeZone),
      };
    }
    case 'progress': {
      const k = keys.progress;
      return { templateId: templates.progress, page, data: fitTemplateData({ [k.serial]: input.serial, [k.text]: input.text, [k.time]: input.at }, input.timeZone) };
    }
    case 'replied': {
      const k = keys.replied;
      const outcome = input.outcome ? OUTCOME_LABELS[input.outcome] : '已答复';
      return {
        templateId: templates.replied,
        page,
        data: fitTemplateData({ [k.serial]: input.serial, [k.text]: input.text, [k.outcome]: outcome, [k.time]: input.at }, input.timeZone),
      };
    }
  }
}
