// What a new mine starts with, so that it can take its first appeal the day it is made: the three
// departments every mine of the group has (党群工作部 is the office), the five categories of the
// newspaper's report with the time to answer each, and one place for a first sticker. The
// administrator renames, adds and takes down each in the app (我的 → 单位设置与小蓝码).
import type { PlaceKind } from '@minqing/shared';

export const DEFAULT_SLOGAN = '矿山是咱家,有事儿就说话';

/** code, name. */
export const DEFAULT_DEPARTMENTS: Array<[code: string, name: string]> = [
  ['party', '党群工作部'],
  ['logistics', '后勤管理部'],
  ['payroll', '劳资部'],
];

/** code, name, default department, hours to answer, whether the office may dispatch by standing rule. */
export const DEFAULT_CATEGORIES: Array<[code: string, name: string, defaultDepartment: string, answerHours: number, standingRule: boolean]> = [
  ['living', '衣食住行', 'logistics', 72, true],
  ['welfare', '劳保福利', 'logistics', 120, true],
  ['rights', '权益维护', 'payroll', 168, false],
  ['hardship', '困难救助', 'party', 168, false],
  ['advice', '意见建议', 'party', 360, false],
];

/** code, name, kind: the notice board every mine has, so the first sticker can be printed at once. */
export const DEFAULT_PLACES: Array<[code: string, name: string, kind: PlaceKind]> = [['board', '矿区公示栏', 'other']];
