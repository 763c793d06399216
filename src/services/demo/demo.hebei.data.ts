import { HEBEI_AIR, HEBEI_SCREENINGS } from './demo.hebei.air.js';
import { HEBEI_COMPLAINTS } from './demo.hebei.complaints.js';
import { HEBEI_PUBLIC_COMPLAINTS } from './demo.hebei.public-complaints.js';
import { HE_OFFICE_LOGIN, HEBEI_UNITS, HEBEI_USERS } from './demo.hebei.units.js';
import { HEBEI_WATER_MINES } from './demo.hebei.water-mines.js';
import type { DemoCampaign } from './demo.types.js';

/** Cities of the Hebei rectification the demo follows (the look-back covered the whole province). */
export const HEBEI_TARGETS = ['130100', '130200', '130400', '130500', '130600', '130900', '131100'];

export const HEBEI_2018: DemoCampaign = {
  setUpOn: '2018-06-01',
  createdBy: HE_OFFICE_LOGIN,
  campaign: {
    name: '河北省中央环保督察“回头看”问题整改（示例数据）',
    level: 'central',
    kind: 'look_back',
    provinceCode: '130000',
    startsOn: '2018-06-01',
    endsOn: '2018-12-31',
    description:
      '示例数据（illustrative）：据2018年6月公开报道整理。聚焦中央环保督察“回头看”发现问题和群众信访举报问题，逐一建立台账、逐级落实责任、' +
      '挂牌督办、一盯到底，做到问题不查清不放过、整改不到位不放过、责任不落实不放过、群众不满意不放过；全面自查自纠、举一反三。' +
      '地点为真实地名，企业、人员和进展均为虚构的示例。',
    targetRegionCodes: HEBEI_TARGETS,
    areas: ['air', 'water', 'soil', 'ecology'],
    problemKinds: ['look_back_key', 'complaint'],
    settings: {
      complaintReplyDays: 7,
      noticePeriod: { length: 10, unit: 'working_days' },
      dispatchEvery: 'half_monthly',
    },
  },
  units: HEBEI_UNITS,
  users: HEBEI_USERS,
  groups: [],
  visits: [],
  // In ledger order does not matter: the runner plays everything by date.
  problems: [...HEBEI_AIR, ...HEBEI_WATER_MINES, ...HEBEI_COMPLAINTS],
  screenings: HEBEI_SCREENINGS,
  complaints: HEBEI_PUBLIC_COMPLAINTS,
  storyEndsOn: '2019-06-30',
};
