import { HE } from './demo.hebei.units.js';
import type { DemoComplaint } from './demo.types.js';

/*
 * The complaints themselves (信访举报件) behind the Hebei ledger's complaint problems, as the
 * handler received them: by hotline, letter, web form and transfer from the central
 * inspection. Illustrative (示例数据): the complainants are invented, their phone numbers are
 * not real, and their identities are sealed in the vault like any other.
 */
const IDENTITY_NOTE = '（示例）';

export const HEBEI_PUBLIC_COMPLAINTS: DemoComplaint[] = [
  {
    key: 'C01',
    on: '2018-06-08',
    as: 'he-handler',
    complaint: {
      channel: 'hotline_12369',
      content: '来电反映：鹿泉区某村石材加工点无环保手续，夜间切割石材，粉尘和噪声严重扰民。',
      place: '石家庄市鹿泉区某村石材加工点',
      pollutionType: 'air',
      regionCode: '130110',
      complainant: { name: `张建军${IDENTITY_NOTE}`, phone: '13800000001' },
    },
    steps: [
      ['2018-06-08', 'he-handler', { type: 'route', unit: HE.lqGov }],
      ['2018-06-08', 'he-handler', { type: 'link_problem', problem: 'H05' }],
      [
        '2018-06-15',
        'he-handler',
        {
          type: 'verify',
          finding: 'substantiated',
          result: '经鹿泉区人民政府现场核查，该加工点无环评手续，已断水断电并取缔，设备已拆除。',
          accountability: '对所在镇分管负责人进行约谈。',
        },
      ],
      [
        '2018-06-20',
        'he-handler',
        {
          type: 'disclose',
          publicContent: '反映鹿泉区某村石材加工点夜间生产，粉尘、噪声扰民。',
          publicResult: '属实。该加工点已取缔，设备已拆除；对所在镇分管负责人进行约谈。',
        },
      ],
      ['2018-06-25', 'he-handler', { type: 'close' }],
    ],
  },
  {
    key: 'C02',
    on: '2018-06-11',
    as: 'he-handler',
    complaint: {
      channel: 'letter',
      content: '来信反映：鹿泉区某村石材加工厂夜间生产，粉尘扰民，晚上无法开窗。',
      place: '鹿泉区某村石材加工厂',
      pollutionType: 'air',
      regionCode: '130110',
      anonymous: true,
    },
    steps: [
      ['2018-06-12', 'he-handler', { type: 'mark_repeat', first: 'C01' }],
      ['2018-06-12', 'he-handler', { type: 'route', unit: HE.lqGov }],
    ],
  },
  {
    key: 'C03',
    on: '2018-07-16',
    as: 'he-handler',
    complaint: {
      channel: 'web',
      content: '网上举报：清苑区某塑料颗粒加工点露天焚烧废塑料，夜间异味刺鼻，影响附近小学。',
      place: '保定市清苑区某塑料颗粒加工点',
      pollutionType: 'air',
      regionCode: '130608',
      // The complainant agreed to be contacted by name: any handler in scope may read it.
      confidentiality: 'normal',
      complainant: { name: `李桂兰${IDENTITY_NOTE}`, phone: '0312-8000001' },
    },
    steps: [
      ['2018-07-16', 'he-handler', { type: 'route', unit: HE.qyGov }],
      ['2018-07-16', 'he-handler', { type: 'link_problem', problem: 'H06' }],
      [
        '2018-07-24',
        'he-handler',
        {
          type: 'verify',
          finding: 'substantiated',
          result: '经核查属实。加工点已停产，焚烧残留物已清运，立案处罚2万元。',
        },
      ],
    ],
  },
  {
    key: 'C04',
    on: '2018-07-02',
    as: 'he-handler',
    complaint: {
      channel: 'transfer',
      content: '中央环保督察组转办：沧县某化工企业夜间通过雨水管道偷排生产废水。',
      place: '沧州市沧县某化工企业',
      pollutionType: 'water',
      regionCode: '130921',
      complainant: {
        name: `王海涛${IDENTITY_NOTE}`,
        phone: '13900000002',
        email: 'demo-complainant@example.cn',
      },
    },
    steps: [
      ['2018-07-02', 'he-handler', { type: 'route', unit: HE.czBureau }],
      ['2018-07-02', 'he-handler', { type: 'link_problem', problem: 'H08' }],
    ],
  },
  {
    key: 'C05',
    on: '2018-08-20',
    as: 'he-handler',
    complaint: {
      channel: 'web',
      content: '网上举报：藁城区某建材市场夜间装卸货物，噪声扰民，持续到凌晨。',
      place: '石家庄市藁城区某建材市场',
      pollutionType: 'noise',
      regionCode: '130109',
      complainant: { name: `赵敏${IDENTITY_NOTE}`, email: 'demo-resident@example.cn' },
    },
    steps: [],
  },
];
