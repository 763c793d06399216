import { G1, G3, JL, OFFICE } from './demo.jilin.units.js';
import {
  accept,
  ack,
  approve,
  assign,
  close,
  dismiss,
  fourNotLetGo,
  list,
  noComplainant,
  plan,
  progress,
  requestClosure,
  returnPlan,
  urge,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * 第一督导帮扶工作组 (省自然资源厅牵头): 辽源市; 第三督导帮扶工作组 (省住建厅牵头): 吉林市.
 * Illustrative (示例数据).
 */
export const GROUPS_1_3_PROBLEMS: DemoProblem[] = [
  {
    key: 'J10',
    on: '2020-08-03',
    as: G1,
    group: 'G1',
    problem: {
      title: '辽源市废弃矿山生态修复进度滞后',
      description: '省自然资源厅掌握，辽源市西安区、东辽县共有历史遗留废弃矿山图斑37处，已修复不足三成。',
      source: 'department_finding',
      areas: ['ecology'],
      subArea: 'mines',
      problemKind: 'department_known',
      regionCode: '220400',
    },
    steps: [
      ['2020-08-06', G1, assign(JL.lyNatres, '2021-10-31', { person: '辽源市自然资源局局长' })],
      ['2020-08-07', 'ly-natres', ack()],
      [
        '2020-08-25',
        'ly-natres',
        plan('long_term', '2021-10-31', '2021年10月底前完成37处废弃矿山图斑生态修复，修复面积186公顷', [
          ['编制废弃矿山生态修复总体方案，一矿一策', '辽源市自然资源局', '2020-09-30'],
          ['2020年完成12处图斑削坡整形和覆土复绿', '辽源市自然资源局', '2020-11-15'],
          ['2021年完成剩余25处图斑修复', '辽源市自然资源局', '2021-10-31'],
        ]),
      ],
      ['2020-08-28', G1, approve('同意。请将修复任务纳入国土空间生态修复规划并落实资金。')],
      ['2020-10-20', 'ly-natres', progress('2020-10-20', '总体方案已经市政府批复。', { done: ['M1'] })],
      [
        '2020-12-10',
        'ly-natres',
        progress('2020-12-10', '12处图斑削坡整形和覆土完成，待来年春季补植。', {
          done: ['M2'],
          evidence: ['修复前后对比照片.zip'],
        }),
      ],
    ],
  },
  {
    key: 'J11',
    on: '2020-07-31',
    as: G1,
    group: 'G1',
    problem: {
      title: '东辽河辽源出境断面水质未达到考核目标',
      description:
        '省级督察“回头看”指出，东辽河辽源出境断面2020年上半年化学需氧量、氨氮多次超过Ⅳ类考核目标。',
      source: 'provincial_look_back',
      areas: ['water'],
      subArea: 'river_quality',
      problemKind: 'look_back_key',
      regionCode: '220400',
    },
    steps: [
      [
        '2020-08-04',
        G1,
        assign(JL.lyGov, '2021-06-30', { co: [JL.lyBureau, JL.dlGov], person: '辽源市市长' }),
      ],
      ['2020-08-06', 'ly-gov', ack()],
      [
        '2020-08-20',
        OFFICE,
        list('province', '2021-06-30', '东辽河为辽河源头，断面水质事关流域考核，省级挂牌督办。'),
      ],
      [
        '2020-09-10',
        'ly-gov',
        plan('deadline', '2021-06-30', '东辽河辽源出境断面水质稳定达到Ⅳ类', [
          ['城区污水处理厂提标改造和扩容', '辽源市住房和城乡建设局', '2021-05-31'],
          ['整治沿河入河排污口56个', '辽源市生态环境局', '2020-11-30'],
          ['东辽县沿河畜禽养殖污染治理', '东辽县人民政府', '2021-06-30'],
        ]),
      ],
      ['2020-09-15', OFFICE, approve('同意。请每月报送断面水质和工程进度。')],
      [
        '2020-10-30',
        'ly-gov',
        progress('2020-10-30', '完成入河排污口整治41个；10月断面水质达到Ⅳ类。', {
          evidence: ['断面水质月报（10月）.pdf'],
        }),
      ],
      [
        '2020-12-15',
        'ly-gov',
        progress('2020-12-15', '56个入河排污口全部整治完成；污水处理厂提标工程完成招标。', { done: ['M2'] }),
      ],
    ],
  },
  {
    key: 'J12',
    on: '2020-08-05',
    as: G1,
    group: 'G1',
    problem: {
      title: '辽源市城区集中供热锅炉超低排放改造资金缺口大',
      description:
        '辽源市反映：城区3家热源厂燃煤锅炉超低排放改造需资金2.4亿元，地方财力不足，请求省级协调专项资金支持。',
      source: 'locality_request',
      areas: ['air'],
      subArea: 'coal_heating',
      problemKind: 'locality_difficulty',
      regionCode: '220400',
    },
    steps: [
      ['2020-08-10', G1, assign(JL.lyGov, '2021-09-30', { person: '辽源市分管副市长' })],
      ['2020-08-12', 'ly-gov', ack()],
      ['2020-09-20', G1, urge('整改方案已逾期，请尽快报送；资金问题可先提出申报省级专项资金的计划。')],
      [
        '2020-11-27',
        'ly-gov',
        plan('deadline', '2021-09-30', '2021年供暖季前完成3家热源厂燃煤锅炉超低排放改造', [
          ['申请省级大气污染防治专项资金', '辽源市生态环境局', '2021-03-31'],
          ['分批实施锅炉超低排放改造', '辽源市住房和城乡建设局', '2021-09-30'],
        ]),
      ],
      [
        '2020-12-02',
        G1,
        returnPlan(
          '资金筹措方案须明确省级专项资金申报额度和地方配套比例；改造工程应分厂列出时间表。请与省生态环境厅、省财政厅对接后完善。',
        ),
      ],
    ],
  },
  {
    key: 'J13',
    on: '2020-08-03',
    as: G1,
    group: 'G1',
    problem: {
      title: '东辽县畜禽粪污资源化利用率偏低',
      description: '省农业农村厅掌握，东辽县2019年畜禽粪污综合利用率为68%，低于全省75%的目标。',
      source: 'department_finding',
      areas: ['soil', 'water'],
      problemKind: 'department_known',
      regionCode: '220422',
    },
    steps: [
      ['2020-08-06', G1, assign(JL.dlGov, '2020-11-30')],
      ['2020-08-07', 'dl-gov', ack()],
      [
        '2020-08-21',
        'dl-gov',
        plan('deadline', '2020-11-15', '畜禽粪污综合利用率达到75%以上，规模养殖场设施装备配套率100%', [
          ['42家规模养殖场补齐粪污处理设施', '东辽县农业农村局', '2020-10-31'],
          ['建设2处区域性粪污集中处理中心', '东辽县人民政府', '2020-11-15'],
        ]),
      ],
      ['2020-08-25', G1, approve()],
      ['2020-10-31', 'dl-gov', progress('2020-10-31', '42家规模养殖场设施全部配套到位。', { done: ['M1'] })],
      [
        '2020-11-12',
        'dl-gov',
        progress('2020-11-12', '2处集中处理中心投入运行，综合利用率测算达到77%。', {
          done: ['M2'],
          evidence: ['综合利用率测算报告.pdf'],
        }),
      ],
      [
        '2020-11-13',
        'dl-gov',
        requestClosure(
          fourNotLetGo(
            '中小规模养殖场设施投入不足，粪污收运体系不健全。',
            '规模养殖场设施配套率100%，集中处理中心运行，综合利用率77%。',
            ['综合利用率测算报告.pdf', '集中处理中心运行台账.xlsx'],
            { done: false, summary: '属于推进进度问题，未发现失职失责，无需追责。' },
            noComplainant('省直部门掌握的工作任务类问题，无具体举报人；结果纳入全省统计公开。'),
          ),
        ),
      ],
      [
        '2020-11-20',
        G1,
        accept('2020-11-19', ['孙明', '高志远'], '抽查8家养殖场和1处处理中心，整改到位，同意销号。'),
      ],
      ['2020-11-30', OFFICE, close()],
    ],
  },
  {
    key: 'J14',
    on: '2020-08-04',
    as: G3,
    group: 'G3',
    problem: {
      title: '吉林市城区合流制管网雨季溢流污染松花江',
      description:
        '吉林市反映：老城区合流制管网雨季溢流直排松花江，改造投资大、涉及道路多，需省级协调专项债券和施工审批。',
      source: 'locality_request',
      areas: ['water'],
      subArea: 'river_quality',
      problemKind: 'locality_difficulty',
      regionCode: '220200',
    },
    steps: [
      [
        '2020-08-07',
        G3,
        assign(JL.jlcHousing, '2021-10-31', { co: [JL.jlcBureau], person: '吉林市住房和城乡建设局局长' }),
      ],
      ['2020-08-10', 'jlc-housing', ack()],
      [
        '2020-08-27',
        'jlc-housing',
        plan('long_term', '2021-10-31', '减少溢流', [
          ['实施雨污分流改造', '吉林市住房和城乡建设局', '2021-10-31'],
        ]),
      ],
      [
        '2020-09-02',
        G3,
        returnPlan('目标应量化到溢流频次和溢流量；措施须分片区列明改造长度、调蓄设施规模和资金来源。'),
      ],
      [
        '2020-09-10',
        'jlc-housing',
        plan('long_term', '2021-10-31', '老城区雨季溢流频次下降60%以上，溢流口旱天零直排', [
          ['船营区、昌邑区雨污分流改造38公里', '吉林市住房和城乡建设局', '2021-10-31'],
          ['建设3座合流制溢流调蓄池', '吉林市住房和城乡建设局', '2021-09-30'],
          ['申报2021年地方政府专项债券', '吉林市财政局', '2020-12-31'],
        ]),
      ],
      ['2020-09-14', G3, approve('同意。省住建厅将协调专项债券申报。')],
      [
        '2020-11-10',
        'jlc-housing',
        progress('2020-11-10', '完成雨污分流改造9公里；专项债券申报材料已报送省财政厅。'),
      ],
      ['2020-12-20', 'jlc-housing', progress('2020-12-20', '专项债券获批4.5亿元。', { done: ['M3'] })],
    ],
  },
  {
    key: 'J15',
    on: '2020-07-31',
    as: G3,
    group: 'G3',
    problem: {
      title: '吉林经开区部分化工企业挥发性有机物无组织排放',
      description:
        '省级督察“回头看”发现，吉林经济开发区5家化工企业储罐和装卸环节挥发性有机物收集不到位，周边异味明显。',
      source: 'provincial_look_back',
      areas: ['air'],
      problemKind: 'look_back_key',
      regionCode: '220271',
    },
    steps: [
      ['2020-08-03', G3, assign(JL.jlcBureau, '2020-10-31', { person: '吉林市生态环境局副局长' })],
      ['2020-08-04', 'jlc-bureau', ack()],
      [
        '2020-08-14',
        'jlc-bureau',
        plan('deadline', '2020-10-20', '5家企业储罐和装卸环节VOCs有效收集处理，厂界浓度达标', [
          ['储罐改为内浮顶或安装油气回收设施', '相关企业', '2020-09-30'],
          ['开展泄漏检测与修复（LDAR）', '相关企业', '2020-10-20'],
        ]),
      ],
      ['2020-08-18', G3, approve()],
      [
        '2020-10-19',
        'jlc-bureau',
        progress('2020-10-19', '储罐改造和LDAR全部完成，厂界监测达标。', {
          done: ['M1', 'M2'],
          evidence: ['厂界VOCs监测报告.pdf'],
        }),
      ],
      [
        '2020-10-21',
        'jlc-bureau',
        requestClosure(
          fourNotLetGo(
            '企业VOCs治理投入不足，监管部门对无组织排放检查不够。',
            '5家企业储罐改造和LDAR全部完成，厂界VOCs浓度监测达标，周边异味投诉明显减少。',
            ['厂界VOCs监测报告.pdf', 'LDAR检测报告.zip'],
            { done: true, summary: '对2家企业依法处罚；约谈开发区管委会分管负责人。' },
            noComplainant('督察发现问题，无具体举报人；结果已在吉林市生态环境局网站公开。'),
          ),
        ),
      ],
      [
        '2020-10-28',
        G3,
        accept('2020-10-27', ['何丽', '省生态环境厅 马宁'], '现场核查，整改到位，同意销号。'),
      ],
      ['2020-11-06', OFFICE, close()],
    ],
  },
  {
    key: 'J16',
    on: '2020-08-08',
    as: G3,
    group: 'G3',
    problem: {
      title: '桦甸市金矿尾矿库环境风险隐患突出',
      description: '省直部门掌握，桦甸市2座金矿尾矿库防渗和排洪设施老化，下游为辉发河，存在环境风险。',
      source: 'department_finding',
      areas: ['soil', 'ecology'],
      subArea: 'mines',
      problemKind: 'department_known',
      regionCode: '220282',
    },
    steps: [
      ['2020-11-27', G3, assign(JL.jlcBureau, '2021-06-30', { person: '吉林市生态环境局局长' })],
      ['2020-12-01', 'jlc-bureau', ack()],
      ['2020-12-28', G3, urge('整改方案已逾期未报，请于2021年1月5日前报送。')],
    ],
  },
  {
    key: 'J17',
    on: '2020-08-08',
    as: G3,
    group: 'G3',
    problem: {
      title: '松花江吉林市段非法采砂',
      description: '省直部门线索：松花江吉林市丰满区段存在非法采砂、破坏河道行为。',
      source: 'department_finding',
      areas: ['ecology'],
      problemKind: 'department_known',
      regionCode: '220211',
    },
    steps: [
      [
        '2020-08-14',
        G3,
        dismiss(
          '经省水利厅、吉林市水利局联合核查，该点位非法采砂已于2019年11月查处并完成河道修复，通过省级验收；本次不予立案，纳入河长制日常巡查。',
        ),
      ],
    ],
  },
];
