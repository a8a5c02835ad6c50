// The demo organisations of `npm start` (the fixed points the README's logins name) and the four real appeals of the
// newspaper report the product was born from (shared/seed/chiyu-article.txt).
import type { Identity, Role } from '@minqing/shared';
import type { PlaceKind } from '../org/entities/place.entity.js';

export interface DemoStaff {
  openid: string;
  name: string;
  role: Role;
  department?: string;
  isHead?: boolean;
  isSecretary?: boolean;
}

export interface DemoOrg {
  code: string;
  name: string;
  slogan: string;
  /** code, name, and the openid of the leader in charge (分管领导), the second rung of escalation. */
  departments: Array<[code: string, name: string, leaderOpenid?: string]>;
  /** code, name, default department, hours to answer, whether the office may dispatch by standing rule. */
  categories: Array<[code: string, name: string, defaultDepartment: string, answerHours: number, standingRule: boolean]>;
  places: Array<[code: string, name: string, kind: PlaceKind]>;
  staff: DemoStaff[];
  /** Give every department a 企业微信 group robot (a key the simulator accepts) and post staff news there. */
  groupRobots?: boolean;
}

const FIVE_CATEGORIES: DemoOrg['categories'] = [
  ['living', '衣食住行', 'logistics', 72, true],
  ['welfare', '劳保福利', 'logistics', 120, true],
  ['rights', '权益维护', 'payroll', 168, false],
  ['hardship', '困难救助', 'party', 168, false],
  ['advice', '意见建议', 'party', 360, false],
];

export const DEMO_ORGS: DemoOrg[] = [
  {
    code: 'cy',
    name: '赤峪煤矿',
    slogan: '赤峪是咱家,有事儿就说话',
    groupRobots: true,
    departments: [
      ['party', '党群工作部', 'cy_secretary'],
      ['logistics', '后勤管理部', 'cy_leader'],
      ['payroll', '劳资部', 'cy_secretary'],
      ['mechanical', '机电管理部', 'cy_leader'],
      ['safety', '安全管理部', 'cy_leader'],
    ],
    categories: FIVE_CATEGORIES,
    places: [
      ['dorm1', '1号宿舍楼', 'dormitory'],
      ['dorm2', '2号宿舍楼', 'dormitory'],
      ['canteen', '职工食堂', 'canteen'],
      ['bath', '职工澡堂', 'bathhouse'],
      ['office', '办公楼', 'office'],
      ['zj2', '综掘二区会议室', 'team'],
      ['board', '矿区公示栏', 'other'],
    ],
    staff: [
      { openid: 'cy_admin', name: '系统管理员', role: 'admin' },
      { openid: 'cy_office', name: '王艳丽', role: 'coordinator', department: 'party' },
      { openid: 'cy_secretary', name: '张毅', role: 'leader', isSecretary: true },
      { openid: 'cy_leader', name: '李副矿长', role: 'leader' },
      { openid: 'cy_logistics', name: '后勤部长', role: 'handler', department: 'logistics', isHead: true },
      { openid: 'cy_payroll', name: '劳资员', role: 'handler', department: 'payroll' },
    ],
  },
  {
    code: 'xq',
    name: '西曲矿',
    slogan: '西曲是咱家,有事儿就说话',
    departments: [
      ['party', '党群工作部'],
      ['logistics', '后勤管理部'],
      ['payroll', '劳资部'],
    ],
    categories: FIVE_CATEGORIES,
    places: [
      ['dorm1', '1号宿舍楼', 'dormitory'],
      ['canteen', '职工食堂', 'canteen'],
    ],
    staff: [{ openid: 'xq_admin', name: '西曲管理员', role: 'admin' }],
  },
];

/** The mining group above the demo mines: its administrator sees the mines' rates side by side. */
export const DEMO_GROUP = {
  code: 'jd',
  name: '山西金地煤焦',
  slogan: '矿山是咱家,有事儿就说话',
  mines: ['cy', 'xq'],
  admin: { openid: 'jd_group', name: '集团管理员' },
};

export interface DemoWorker {
  openid: string;
  name: string;
  unit: string;
}

export const DEMO_WORKERS: DemoWorker[] = [
  { openid: 'worker_duanwei', name: '段伟', unit: '通风区' },
  { openid: 'worker_liyunfang', name: '李运芳', unit: '综采二区' },
  { openid: 'worker_yuanyongjian', name: '袁永健', unit: '综掘二区' },
  { openid: 'worker_huangzhanchao', name: '黄占超', unit: '综掘一区' },
];

export interface DemoAppeal {
  worker: string;
  category: string;
  place?: string;
  identity: Identity;
  content: string;
}

export const DEMO_APPEALS: DemoAppeal[] = [
  { worker: 'worker_duanwei', category: 'living', place: 'bath', identity: 'named', content: '女职工澡堂开放时间太短,下夜班的女职工经常洗不上澡,希望延长女职工澡堂的开放时间。' },
  { worker: 'worker_liyunfang', category: 'living', place: 'dorm2', identity: 'named', content: '我在2号宿舍6楼住,楼顶的喇叭播放时有点影响休息,三班倒的职工白天要睡觉。' },
  { worker: 'worker_yuanyongjian', category: 'welfare', place: 'zj2', identity: 'named', content: '综掘二区会议室空调不制冷,班前会职工酷热难耐,望及时得到解决。' },
  { worker: 'worker_huangzhanchao', category: 'rights', identity: 'confidential', content: '工资条上的扣税不清楚是怎么算的,每一毛每一块扣在哪了,希望有人给解释一下。' },
];

/** The role labels the H5 demo login lists. */
export function demoLogins(): Array<{ openid: string; label: string }> {
  const staffLabels: Record<string, string> = {
    admin: '管理员',
    coordinator: '党群工作部',
    leader: '矿领导',
    handler: '部门',
  };
  return [
    ...DEMO_WORKERS.map((w) => ({ openid: w.openid, label: `职工 ${w.name}(${w.unit})` })),
    { openid: DEMO_GROUP.admin.openid, label: `${DEMO_GROUP.name} 集团管理员(红黑榜)` },
    ...DEMO_ORGS.flatMap((org) =>
      org.staff.map((s) => ({
        openid: s.openid,
        label: `${org.name} ${staffLabels[s.role] ?? s.role}${s.isSecretary ? '(党委书记)' : ''} ${s.name}`,
      })),
    ),
  ];
}
