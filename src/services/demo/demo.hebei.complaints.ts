import { complaint, HANDLER, HE, HE_OFFICE_LOGIN as HEO, SJZ_CLERK, SJZ_OFFICE } from './demo.hebei.units.js';
import {
  accept,
  ack,
  approve,
  approveExtension,
  assign,
  close,
  complainantSatisfied,
  dismiss,
  extend,
  fourNotLetGo,
  list,
  mergeInto,
  plan,
  progress,
  publicNotice,
  reopen,
  requestClosure,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * Transferred public complaints (群众信访举报): handled, repeated, unsubstantiated, and one
 * that rebounded after closure (反弹). Illustrative (示例数据): enterprises and people are not real.
 */
export const HEBEI_COMPLAINTS: DemoProblem[] = [
  {
    key: 'H05',
    on: '2018-06-08',
    as: HANDLER,
    problem: {
      ...complaint,
      title: '鹿泉区某石材加工点夜间生产，粉尘噪声扰民',
      description: '群众来电反映：鹿泉区某村石材加工点无环保手续，夜间切割石材，粉尘和噪声严重扰民。',
      areas: ['air'],
      subArea: 'scattered_polluting',
      regionCode: '130110',
    },
    steps: [
      ['2018-06-08', HEO, assign(HE.lqGov, '2018-06-15', { co: [HE.sjzBureau], person: '鹿泉区分管副区长' })],
      ['2018-06-11', 'lq-gov', ack()],
      [
        '2018-06-12',
        'lq-gov',
        plan('immediate', '2018-06-15', '立即停产，依法取缔无手续石材加工点', [
          ['责令停产并断水断电', '所在镇人民政府', '2018-06-12'],
          ['拆除生产设备、清理原料和产品', '所在镇人民政府', '2018-06-15'],
        ]),
      ],
      ['2018-06-12', SJZ_OFFICE, approve('立行立改，同意。')],
      [
        '2018-06-14',
        'lq-gov',
        progress('2018-06-14', '已断水断电，设备拆除、原料清运完毕。', { done: ['M1', 'M2'] }),
      ],
      ['2018-06-14', SJZ_CLERK, progress('2018-06-14', '市生态环境局现场复核：加工点已取缔，无生产迹象。')],
      [
        '2018-06-15',
        'lq-gov',
        requestClosure(
          fourNotLetGo(
            '无手续加工点藏匿于村内院落，镇村网格巡查未发现。',
            '加工点已断水断电，设备拆除，原料和产品清运完毕。',
            ['取缔现场照片.zip', '断电证明.pdf'],
            { done: true, summary: '对所在镇分管副镇长和村网格员诫勉谈话。' },
            complainantSatisfied('2018年6月15日电话回访举报人，对处理结果表示满意。'),
          ),
        ),
      ],
      // 逐级验收: the city's office accepts a district's work.
      [
        '2018-06-20',
        SJZ_OFFICE,
        accept(
          '2018-06-19',
          ['石家庄市督察整改办 赵磊', '石家庄市生态环境局 钱伟'],
          '现场核查已取缔到位，同意通过验收。',
        ),
      ],
      ['2018-07-05', HEO, close()],
      // 反弹: the same place works again at night.
      [
        '2018-11-20',
        HEO,
        reopen('群众再次举报该加工点夜间偷偷生产，经现场核查属实，问题反弹，重新启动整改。'),
      ],
      ['2018-11-21', SJZ_OFFICE, list('city', '2018-12-31', '销号问题反弹，市级挂牌督办。')],
      ['2018-11-22', 'lq-gov', extend('2018-12-31', '反弹后须依法没收设备、立案处罚，并建立长效监管机制。')],
      ['2018-11-23', SJZ_OFFICE, approveExtension('同意延期至2018年12月31日，期间每周报送进展。')],
      [
        '2018-12-05',
        'lq-gov',
        progress('2018-12-05', '依法没收切割设备3台，对经营者立案处罚；场地恢复为农用。'),
      ],
      [
        '2018-12-28',
        'lq-gov',
        progress('2018-12-28', '建立镇村两级夜间巡查制度，连续巡查一个月未发现反弹。'),
      ],
      [
        '2019-01-08',
        'lq-gov',
        requestClosure(
          fourNotLetGo(
            '首次取缔后缺少后续监管，经营者夜间偷偷恢复生产。',
            '设备没收、场地复垦，建立夜间巡查制度，一个月内未再发现生产。',
            ['行政处罚决定书.pdf', '夜间巡查记录.xlsx'],
            { done: true, summary: '对所在镇党委书记约谈，对分管副镇长给予党内警告处分。' },
            complainantSatisfied('2019年1月8日上门回访举报人，表示满意。'),
          ),
        ),
      ],
      [
        '2019-01-15',
        HEO,
        accept('2019-01-14', ['省督察整改办 李振华'], '夜间暗访核查，未发现生产，同意销号。'),
      ],
      ['2019-02-01', HEO, close()],
    ],
  },
  {
    key: 'H06',
    on: '2018-07-16',
    as: HANDLER,
    problem: {
      ...complaint,
      title: '清苑区某塑料颗粒加工点露天焚烧废料、异味扰民',
      description: '群众网上举报：清苑区某塑料颗粒加工点露天焚烧废塑料，夜间异味刺鼻。',
      areas: ['air'],
      subArea: 'scattered_polluting',
      regionCode: '130608',
    },
    steps: [
      ['2018-07-16', HEO, assign(HE.qyGov, '2018-07-23', { co: [HE.bdBureau] })],
      ['2018-07-17', 'qy-gov', ack()],
      [
        '2018-07-18',
        'qy-gov',
        plan('immediate', '2018-07-23', '取缔无手续塑料颗粒加工点，清理焚烧残留物', [
          ['取缔加工点，断水断电', '清苑区人民政府', '2018-07-20'],
          ['清运焚烧残渣并按危险废物处置', '保定市生态环境局', '2018-07-23'],
        ]),
      ],
      ['2018-07-18', HEO, approve()],
      [
        '2018-07-23',
        'qy-gov',
        progress('2018-07-23', '加工点已取缔，残渣12吨交有资质单位处置。', { done: ['M1', 'M2'] }),
      ],
      [
        '2018-07-27',
        'qy-gov',
        requestClosure(
          fourNotLetGo(
            '无手续加工点违法焚烧废塑料，属地排查不到位。',
            '加工点取缔，焚烧残渣规范处置，周边空气异味消除。',
            ['危险废物转移联单.pdf', '现场照片.zip'],
            { done: true, summary: '对经营者行政拘留5日并处罚款；对村支书诫勉谈话。' },
            publicNotice('举报人匿名，无法回访；处理结果在保定市生态环境局网站和所在村公示7日，无异议。'),
          ),
        ),
      ],
      ['2018-08-10', HEO, accept('2018-08-09', ['省督察整改办 王倩'], '现场核查，整改到位，同意销号。')],
      ['2018-08-28', HEO, close()],
    ],
  },
  {
    key: 'H07',
    on: '2018-06-11',
    as: HANDLER,
    problem: {
      ...complaint,
      title: '鹿泉区石材加工厂粉尘扰民（重复举报）',
      description: '群众来信反映：鹿泉区某村石材加工厂夜间生产，粉尘扰民。与6月8日来电为同一点位。',
      areas: ['air'],
      subArea: 'scattered_polluting',
      regionCode: '130110',
    },
    steps: [['2018-06-12', HEO, mergeInto('H05')]],
  },
  {
    key: 'H08',
    on: '2018-07-02',
    as: HANDLER,
    problem: {
      ...complaint,
      title: '沧县某化工企业夜间偷排废水',
      description: '群众举报：沧县某化工企业夜间通过雨水管道偷排生产废水。',
      areas: ['water'],
      regionCode: '130921',
    },
    steps: [
      ['2018-07-02', HEO, assign(HE.czBureau, '2018-07-09')],
      [
        '2018-07-06',
        HANDLER,
        dismiss(
          '经沧州市生态环境局会同沧县政府夜间突击检查，调阅在线监测和用水台账，对雨水排口连续3日采样监测，未发现偷排；举报不属实，已向举报人反馈核查结果。',
        ),
      ],
    ],
  },
];
