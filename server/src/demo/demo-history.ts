// Last month at the demo mine, played through the real services with the clock set back: everyday
// appeals taken round the whole loop, then the month's report drafted, curated and published — so
// `npm start` shows a 公示 at /p/cy/resolved, and the office has a month to export.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { monthOf, previousMonth } from '@minqing/shared';
import type { TransitionAction } from '../appeals/appeal-events.js';
import { AppealsService } from '../appeals/appeals.service.js';
import type { AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { OrgRepository } from '../org/org.repository.js';
import { ReportsService } from '../reports/reports.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { WorkflowService } from '../workflow/workflow.service.js';

type Step = [day: number, time: string, who: string, action: TransitionAction, body?: Record<string, unknown>];

interface PastAppeal {
  day: number;
  worker: string;
  body: { category: string; place?: string; identity: 'named' | 'confidential' | 'anonymous'; content: string; publishConsent: boolean };
  steps: Step[];
}

const loop = (
  department: string,
  outcome: 'resolved' | 'explained' | 'scheduled',
  answer: string,
  reply: string,
  publicSummary: string | null,
  rating: 'satisfied' | 'basic' | null,
  day: number,
  dispatcher = 'cy_office',
  handler = 'cy_logistics',
): Step[] => [
  [day, '09:10', 'cy_office', 'accept'],
  [day, '09:40', dispatcher, 'dispatch', { department, instructions: '请核实情况,尽快办理并答复' }],
  [day, '10:00', handler, 'acknowledge'],
  [day + 1, '15:00', handler, 'respond', { outcome, text: answer, ...(outcome === 'scheduled' ? { plannedAt: 'PLANNED' } : {}) }],
  [day + 1, '16:30', 'cy_office', 'reply', { text: reply, ...(publicSummary ? { publicSummary } : {}) }],
  [day + 2, '10:00', 'cy_office', 'calls', { result: 'reached', summary: '已电话告知办理结果' }],
  ...(rating ? ([[day + 2, '12:00', 'WORKER', 'rate', { rating }]] as Step[]) : []),
];

const PAST_APPEALS: PastAppeal[] = [
  {
    day: 3,
    worker: 'worker_liyunfang',
    body: { category: 'living', place: 'canteen', identity: 'named', content: '职工食堂夜班饭菜端上来就凉了,下夜班的职工吃不上热饭。', publishConsent: true },
    steps: loop('logistics', 'resolved', '已为夜班窗口加装保温台', '夜班窗口已加装保温台,饭菜保温到凌晨两点', '职工食堂夜班窗口加装保温台,夜班职工吃上热饭', 'satisfied', 3),
  },
  {
    day: 5,
    worker: 'worker_duanwei',
    body: { category: 'living', place: 'bath', identity: 'named', content: '职工澡堂热水时冷时热,洗澡时被烫过两次。', publishConsent: true },
    steps: loop('logistics', 'scheduled', '已订购恒温阀,月底前安装', '恒温阀已订购,月底前装好', '职工澡堂加装恒温阀,月底前完成', 'basic', 5),
  },
  {
    day: 8,
    worker: 'worker_yuanyongjian',
    body: { category: 'living', place: 'bath', identity: 'named', content: '澡堂更衣柜有好几个锁坏了,东西放着不放心。', publishConsent: true },
    steps: loop('logistics', 'resolved', '已更换 12 把锁', '坏锁已全部换新', '职工澡堂更换更衣柜锁 12 把', 'satisfied', 8),
  },
  {
    day: 10,
    worker: 'worker_huangzhanchao',
    body: { category: 'rights', identity: 'confidential', content: '加班费和上个月对不上,想请劳资部帮忙核一下。', publishConsent: true },
    steps: loop('payroll', 'explained', '已逐项核对,差额为社保基数调整', '劳资部已当面逐项讲解', null, 'satisfied', 10, 'cy_leader', 'cy_payroll'),
  },
  {
    day: 12,
    worker: 'worker_liyunfang',
    body: { category: 'living', place: 'bath', identity: 'named', content: '澡堂门口台阶结冰,早上有人滑倒。', publishConsent: true },
    steps: loop('logistics', 'resolved', '已铺防滑垫并每天除冰', '台阶已铺防滑垫,每天早上除冰', null, null, 12),
  },
  {
    day: 15,
    worker: 'worker_duanwei',
    body: { category: 'advice', place: 'office', identity: 'anonymous', content: '建议在办公楼一楼设个职工休息区,等车的时候有地方坐。', publishConsent: true },
    steps: loop(
      'logistics',
      'explained',
      '办公楼一楼为消防通道,不能设休息区,已在门卫室旁增设座椅',
      '一楼是消防通道,已在门卫室旁加了座椅',
      '门卫室旁增设职工候车座椅',
      'basic',
      15,
      'cy_leader',
    ),
  },
];

@Injectable()
export class DemoHistory {
  constructor(
    @Inject(AppealsService) private readonly appeals: AppealsService,
    @Inject(WorkflowService) private readonly workflow: WorkflowService,
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Plays last month through; the clock is moved only while this runs, before the server listens. */
  async seed(): Promise<number> {
    const org = (await this.orgs.findOrgByCode('cy'))!;
    const thisMonth = monthOf(this.clock.now(), org.timeZone);
    const month = previousMonth(thisMonth);
    const at = (day: number, time: string) => new Date(`${month}-${String(day).padStart(2, '0')}T${time}:00+08:00`);
    const as = async (openid: string): Promise<AuthUser> => (await this.users.loadAuthUser((await this.users.findOrCreateByOpenid(openid, this.clock.now())).id))!;
    try {
      for (const past of PAST_APPEALS) {
        this.clock.now = () => at(past.day, '08:30');
        const { appeal } = await this.appeals.submit(await as(past.worker), { org: 'cy', ...past.body }, randomUUID());
        for (const [day, time, who, action, body = {}] of past.steps) {
          this.clock.now = () => at(day, time);
          const input = body.plannedAt ? { ...body, plannedAt: at(day + 10, '18:00').toISOString() } : body;
          await this.workflow.act(await as(who === 'WORKER' ? past.worker : who), appeal.id, action, input);
        }
      }
      // The report, drafted on the 1st and published by the office with the items it approved.
      this.clock.now = () => new Date(`${thisMonth}-01T09:00:00+08:00`);
      await this.reports.draft(org, month);
      await this.reports.publish(org, month, (await as('cy_office')).user.id, {});
    } finally {
      this.clock.now = Clock.prototype.now;
    }
    return PAST_APPEALS.length;
  }
}
